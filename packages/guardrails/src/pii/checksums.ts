/** Luhn mod-10 check used by every card network. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** SSA rules: area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
export function isPlausibleSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  // Advertising and documentation numbers that show up in examples everywhere.
  return !['123456789', '078051120', '219099999'].includes(`${area}${group}${serial}`);
}

/** True for a dotted quad whose parts are all 0-255 without leading zeros. */
export function isIpv4(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for a full or '::'-compressed IPv6 address, optionally ending in an IPv4 quad. */
export function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups[groups.length - 1];
  let slots = groups.length;
  if (last?.includes('.')) {
    if (!isIpv4(last)) return false;
    groups.pop();
    slots += 1;
  }
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return halves.length === 2 ? slots <= 7 : slots === 8;
}
