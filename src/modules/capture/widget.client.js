// Chaud's embeddable form, served as written by GET /widget.js: plain browser JavaScript, no build step,
// no dependency. On any site:  <script src="https://chaud.example/widget.js" data-form="frm_…" async></script>
// Options on the tag: data-target="#id" (render there rather than right after the tag), data-lang="fr|en".
// It renders the form in a Shadow DOM (the site's CSS cannot break it, nor it the site's) and posts JSON
// to /f/<key> on the origin it was loaded from, with the page's utm_* parameters and referrer.
(() => {
  const MESSAGES = {
    fr: {
      loading: 'Chargement du formulaire…',
      unavailable: 'Ce formulaire n’est pas disponible pour le moment.',
      choose: 'Choisir…',
      send: 'Envoyer',
      sending: 'Envoi en cours…',
      honeypot: 'Ne pas remplir ce champ',
      fieldRequired: 'Ce champ est obligatoire.',
      consentRequired: 'Veuillez cocher cette case pour continuer.',
      emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
      invalid: 'Cette réponse n’est pas valide.',
      fixFields: 'Veuillez corriger les champs signalés.',
      network: 'L’envoi a échoué. Vérifiez votre connexion puis réessayez.',
      rateLimited: 'Trop d’envois depuis cette adresse. Réessayez dans {seconds} s.',
      failed: 'L’envoi a échoué. Réessayez dans un instant.',
    },
    en: {
      loading: 'Loading the form…',
      unavailable: 'This form is not available right now.',
      choose: 'Choose…',
      send: 'Send',
      sending: 'Sending…',
      honeypot: 'Leave this field empty',
      fieldRequired: 'This field is required.',
      consentRequired: 'Please tick this box to continue.',
      emailInvalid: 'Enter a valid email address, such as name@example.com.',
      invalid: 'This answer is not valid.',
      fixFields: 'Please correct the highlighted fields.',
      network: 'Sending failed. Check your connection and try again.',
      rateLimited: 'Too many submissions from this address. Try again in {seconds} s.',
      failed: 'Sending failed. Please try again in a moment.',
    },
  };
  const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];
  // Host pages can restyle through these custom properties, which do cross the shadow boundary.
  const STYLE = `
:host{display:block;font:inherit;color:inherit}
*{box-sizing:border-box}
form{display:grid;gap:1rem;max-width:36rem}
.field{display:grid;gap:.3rem}
label{font-weight:600}
.check{display:flex;gap:.5rem;align-items:flex-start}
.check label{font-weight:400}
.check input{margin:.25rem 0 0;width:1.1rem;height:1.1rem;flex:none}
input:not([type=checkbox]),select,textarea{font:inherit;color:inherit;background:var(--chaud-field-bg,#fff);
  border:1px solid var(--chaud-border,#6b7280);border-radius:var(--chaud-radius,6px);padding:.55rem .7rem;width:100%}
textarea{min-height:6rem;resize:vertical}
[aria-invalid=true]{border-color:var(--chaud-error,#b3261e);outline:1px solid var(--chaud-error,#b3261e)}
:focus-visible{outline:3px solid var(--chaud-focus,#1f5fbf);outline-offset:2px}
.req{color:var(--chaud-error,#b3261e)}
.error{color:var(--chaud-error,#b3261e);margin:0;font-size:.9em}
.alert{color:var(--chaud-error,#b3261e);margin:0;font-weight:600}
.alert:empty{display:none}
button{font:inherit;font-weight:600;justify-self:start;cursor:pointer;color:var(--chaud-accent-text,#fff);
  background:var(--chaud-accent,#1f5fbf);border:0;border-radius:var(--chaud-radius,6px);padding:.65rem 1.4rem}
button:disabled{opacity:.65;cursor:progress}
.thanks{font-weight:600;margin:0}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
`;

  const pickLanguage = (value) => {
    const lower = String(value || '').toLowerCase();
    if (lower.startsWith('fr')) return 'fr';
    if (lower.startsWith('en')) return 'en';
    return null;
  };

  /** Builds an element: attributes (false/null skipped) and children (strings become text). */
  const h = (tag, attributes, children) => {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === false || value === null || value === undefined) continue;
      element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) element.append(child);
    }
    return element;
  };

  const humanize = (name) => {
    const words = name.replace(/[_-]+/g, ' ').trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  };

  const isWidgetScript = (script) => {
    if (!script?.src || !script.getAttribute('data-form')) return false;
    try {
      return new URL(script.src, location.href).pathname.endsWith('/widget.js');
    } catch {
      return false;
    }
  };

  const domReady = () =>
    document.readyState === 'loading'
      ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
      : Promise.resolve();

  /** The element to render into: data-target, or a new one right after the script tag. */
  const createHost = async (script) => {
    const host = h('div', { class: 'chaud-form', 'data-chaud-form': script.getAttribute('data-form') });
    const target = script.getAttribute('data-target');
    if (target) {
      // An async script may run before the target element is parsed.
      await domReady();
      let container = null;
      try {
        container = document.querySelector(target);
      } catch {
        console.warn(`Chaud form: data-target "${target}" is not a CSS selector`);
      }
      if (container) {
        container.append(host);
        return host;
      }
    }
    if (script.parentNode && script.parentNode !== document.head) {
      script.parentNode.insertBefore(host, script.nextSibling);
    } else {
      await domReady();
      document.body.append(host);
    }
    return host;
  };

  /** utm_* of the host page, its referrer, and hidden fields filled from the page's query string. */
  const attributionOf = (definition) => {
    const query = new URLSearchParams(location.search);
    const extra = {};
    for (const key of UTM_KEYS) {
      const value = query.get(key);
      if (value) extra[key] = value;
    }
    if (document.referrer) extra.referrer = document.referrer;
    for (const field of definition.fields) {
      if (field.type === 'hidden' && query.get(field.name)) extra[field.name] = query.get(field.name);
    }
    return extra;
  };

  const renderForm = (root, definition, origin) => {
    const t = MESSAGES[definition.language] || MESSAGES.en;
    const consentsByField = {};
    for (const consent of definition.consents) {
      consentsByField[consent.field] = (consentsByField[consent.field] || []).concat(consent);
    }
    const controls = {};
    const errors = {};
    const touched = new Set();

    const isRequired = (field) =>
      field.required || (consentsByField[field.name] || []).some((consent) => consent.required);

    const createControl = (field, common) => {
      if (field.type === 'textarea') return h('textarea', common);
      if (field.type === 'select') {
        const options = (field.options || []).map((option) => h('option', { value: option }, [option]));
        return h('select', common, [h('option', { value: '' }, [t.choose]), ...options]);
      }
      if (field.type === 'checkbox') return h('input', { ...common, type: 'checkbox' });
      const type = field.type === 'email' || field.type === 'tel' ? field.type : 'text';
      return h('input', { ...common, type, autocomplete: field.autocomplete });
    };

    const renderField = (field) => {
      const id = `chaud-${field.name}`;
      const errorId = `${id}-error`;
      const required = isRequired(field);
      const consents = consentsByField[field.name];
      // A consent box shows the very text the server records as proof.
      const text = consents
        ? consents.map((consent) => consent.text).join(' ')
        : field.label || humanize(field.name);
      // Screen readers announce aria-required; the star is for the eye only.
      const marker = required ? [' ', h('span', { class: 'req', 'aria-hidden': 'true' }, ['*'])] : [];
      const label = h('label', { for: id }, [text, ...marker]);
      const common = {
        id,
        name: field.name,
        'aria-describedby': errorId,
        'aria-required': required ? 'true' : null,
      };
      const control = createControl(field, common);
      controls[field.name] = control;
      errors[field.name] = h('p', { class: 'error', id: errorId, hidden: true });
      const wrapper =
        field.type === 'checkbox'
          ? h('div', { class: 'field' }, [h('div', { class: 'check' }, [control, label]), errors[field.name]])
          : h('div', { class: 'field' }, [label, control, errors[field.name]]);
      control.addEventListener('blur', () => {
        touched.add(field.name);
        showFieldError(field.name, problemOf(field));
      });
      const recheck = () => {
        if (touched.has(field.name)) showFieldError(field.name, problemOf(field));
      };
      control.addEventListener('input', recheck);
      control.addEventListener('change', recheck);
      return wrapper;
    };

    const problemOf = (field) => {
      const control = controls[field.name];
      if (field.type === 'checkbox') {
        if (control.checked || !isRequired(field)) return null;
        return consentsByField[field.name] ? t.consentRequired : t.fieldRequired;
      }
      const value = control.value.trim();
      if (!value) return isRequired(field) ? t.fieldRequired : null;
      if (field.type === 'email' && !EMAIL_PATTERN.test(value)) return t.emailInvalid;
      return null;
    };

    const showFieldError = (name, message) => {
      const control = controls[name];
      const error = errors[name];
      if (!control || !error) return false;
      error.textContent = message || '';
      error.hidden = !message;
      if (message) control.setAttribute('aria-invalid', 'true');
      else control.removeAttribute('aria-invalid');
      return true;
    };

    const visibleFields = definition.fields.filter((field) => field.type !== 'hidden');
    const alert = h('p', { class: 'alert', role: 'alert' });
    const button = h('button', { type: 'submit' }, [t.send]);
    const honeypotId = `chaud-hp-${definition.honeypotField}`;
    const honeypot = h('input', {
      id: honeypotId,
      name: definition.honeypotField,
      type: 'text',
      tabindex: '-1',
      autocomplete: 'off',
    });
    const form = h('form', { novalidate: true, lang: definition.language }, [
      ...visibleFields.map(renderField),
      h('div', { class: 'hp', 'aria-hidden': 'true' }, [
        h('label', { for: honeypotId }, [t.honeypot]),
        honeypot,
      ]),
      alert,
      button,
    ]);

    const focusFirstInvalid = () => {
      const first = visibleFields.find((field) => !errors[field.name].hidden);
      if (first) controls[first.name].focus();
    };

    const showServerErrors = (status, body) => {
      const error = body?.error || {};
      const details = error.details || {};
      let shown = false;
      if (error.code === 'FORM_FIELD_REQUIRED' || error.code === 'FORM_CONSENT_REQUIRED') {
        for (const name of details.fields || []) {
          const message = consentsByField[name] ? t.consentRequired : t.fieldRequired;
          shown = showFieldError(name, message) || shown;
        }
      } else if (error.code === 'FORM_FIELD_INVALID') {
        for (const problem of details.fields || []) {
          const message = problem.message ? `${t.invalid} (${problem.message})` : t.invalid;
          shown = showFieldError(problem.field, message) || shown;
        }
      }
      if (shown) {
        alert.textContent = t.fixFields;
        focusFirstInvalid();
      } else if (status === 429) {
        alert.textContent = t.rateLimited.replace('{seconds}', String(details.retryAfterSeconds || 60));
      } else if (status === 404) alert.textContent = t.unavailable;
      else alert.textContent = error.message && status === 400 ? `${t.failed} (${error.message})` : t.failed;
    };

    const payloadOf = () => {
      const payload = attributionOf(definition);
      for (const field of visibleFields) {
        const control = controls[field.name];
        if (field.type === 'checkbox') payload[field.name] = control.checked;
        else if (control.value.trim()) payload[field.name] = control.value.trim();
      }
      payload[definition.honeypotField] = honeypot.value;
      return payload;
    };

    let sending = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (sending) return;
      alert.textContent = '';
      let invalid = false;
      for (const field of visibleFields) {
        touched.add(field.name);
        const message = problemOf(field);
        showFieldError(field.name, message);
        if (message) invalid = true;
      }
      if (invalid) {
        alert.textContent = t.fixFields;
        focusFirstInvalid();
        return;
      }
      sending = true;
      button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      button.textContent = t.sending;
      try {
        const response = await fetch(`${origin}/f/${encodeURIComponent(definition.key)}`, {
          method: 'POST',
          mode: 'cors',
          credentials: 'omit',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(payloadOf()),
        });
        const body = await response.json().catch(() => null);
        if (response.ok) {
          // A routing form: on to the booking page of the rep routing chose.
          if (body?.outcome === 'booking' && /^https?:\/\//.test(body.bookingUrl || '')) {
            location.assign(body.bookingUrl);
            return;
          }
          // Its other endings carry their own message; a plain form's thank-you is the form's setting.
          const said = body?.outcome ? body.message : definition.thankYouMessage || body?.message;
          const thanks = h('p', { class: 'thanks', role: 'status', tabindex: '-1' }, [said || '']);
          form.replaceWith(thanks);
          thanks.focus();
          return;
        }
        showServerErrors(response.status, body);
      } catch {
        alert.textContent = t.network;
      } finally {
        sending = false;
        button.disabled = false;
        form.removeAttribute('aria-busy');
        button.textContent = t.send;
      }
    });
    root.append(form);
  };

  const mount = async (script) => {
    script.setAttribute('data-chaud-widget', 'mounted');
    const key = script.getAttribute('data-form');
    const origin = new URL(script.src, location.href).origin;
    const asked = pickLanguage(script.getAttribute('data-lang'));
    const fallback = MESSAGES[asked || pickLanguage(navigator.language) || 'en'];
    const host = await createHost(script);
    const root = host.attachShadow({ mode: 'open' });
    const status = h('p', { role: 'status' }, [fallback.loading]);
    root.append(h('style', {}, [STYLE]), status);
    try {
      const query = asked ? `?lang=${asked}` : '';
      const response = await fetch(`${origin}/f/${encodeURIComponent(key)}/definition${query}`, {
        mode: 'cors',
        credentials: 'omit',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`definition answered ${response.status}`);
      const definition = await response.json();
      status.remove();
      renderForm(root, definition, origin);
    } catch (error) {
      status.textContent = fallback.unavailable;
      console.warn(`Chaud form ${key}:`, error);
    }
  };

  // The running tag, plus any other widget tag not mounted yet (tag managers may leave currentScript null).
  const scripts = [document.currentScript, ...document.querySelectorAll('script[data-form]')];
  for (const script of new Set(scripts)) {
    if (isWidgetScript(script) && !script.hasAttribute('data-chaud-widget')) mount(script);
  }
})();
