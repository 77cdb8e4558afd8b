/** What one widget is set up with, from its `data-*` attributes (the script tag's are copied over). */
export interface WidgetConfig {
  apiKey: string;
  /** Origin (and optional path prefix) of the API; the script's own origin by default. */
  apiUrl: string;
  title: string;
  placeholder: string;
  greeting: string;
  /** A CSS colour for the launcher, buttons and links; null keeps the default. */
  accent: string | null;
  position: 'bottom-right' | 'bottom-left';
  /** Sent as the search's locale filter, so answers come from articles in this language. */
  locale: string | null;
}

/** The attributes a page can set, on the script tag or on `<support-copilot>`. */
export const CONFIG_ATTRIBUTES = [
  'data-api-key',
  'data-api-url',
  'data-title',
  'data-placeholder',
  'data-greeting',
  'data-accent',
  'data-position',
  'data-locale',
] as const;

/** Reads the configuration from an element's attributes; `defaultApiUrl` is where the script came from. */
export function readConfig(element: Element, defaultApiUrl: string): WidgetConfig {
  const attr = (name: (typeof CONFIG_ATTRIBUTES)[number]) => element.getAttribute(name)?.trim() || null;
  const accent = attr('data-accent');
  return {
    apiKey: attr('data-api-key') ?? '',
    apiUrl: attr('data-api-url') ?? defaultApiUrl,
    title: attr('data-title') ?? 'Help',
    placeholder: attr('data-placeholder') ?? 'Ask a question…',
    greeting: attr('data-greeting') ?? 'Hi! Ask me anything about our products and policies.',
    accent: accent !== null && CSS.supports('color', accent) ? accent : null,
    position: attr('data-position') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    locale: attr('data-locale'),
  };
}
