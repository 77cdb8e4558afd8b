// The bundle's entry: registers <support-copilot> and, when the script tag carries a key, puts one
// widget on the page with the tag's data-* attributes.
import { CONFIG_ATTRIBUTES } from './config.js';
import { SupportCopilot } from './element.js';

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
// The API is where the script came from unless data-api-url says otherwise ("." keeps a path
// prefix: https://host/support/widget.js talks to https://host/support/v1/...).
SupportCopilot.defaultApiUrl = script?.src ? new URL('.', script.src).href : `${location.origin}/`;

if (!customElements.get('support-copilot')) customElements.define('support-copilot', SupportCopilot);

function mount(): void {
  if (!script?.hasAttribute('data-api-key') || document.querySelector('support-copilot')) return;
  const widget = document.createElement('support-copilot');
  for (const name of CONFIG_ATTRIBUTES) {
    const value = script.getAttribute(name);
    if (value !== null) widget.setAttribute(name, value);
  }
  document.body.append(widget);
}

if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
