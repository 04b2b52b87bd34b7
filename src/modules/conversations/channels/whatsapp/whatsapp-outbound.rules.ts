import { whatsappErrors } from './whatsapp.errors.ts';

// Request bodies of POST /{version}/{phone-number-id}/messages, exactly as in Meta's v23.0 reference
// (business-messaging-api_v23.0.yaml: TextMessage, InteractiveObject, ActionObject, SectionObject,
// TemplateObject). Limits are Meta's documented maxima; breaking one throws WHATSAPP_MESSAGE_INVALID
// here, before any HTTP call, instead of a Graph error 131009 later.
export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  headerText: 60,
  footerText: 60,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listButtonText: 20,
  sections: 10,
  rowsTotal: 10,
  sectionTitle: 24,
  rowTitle: 24,
  rowId: 200,
  rowDescription: 72,
  templateName: 512,
} as const;

// wa_id or phone number, with or without "+" (Meta accepts both; the reply's contacts[].wa_id is canonical).
const RECIPIENT_PATTERN = /^\+?\d{6,20}$/;

export interface ReplyButton {
  id: string;
  title: string;
}

export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

export interface ListSection {
  /** Required by Meta when there is more than one section. */
  title?: string;
  rows: readonly ListRow[];
}

export interface InteractiveFrame {
  body: string;
  /** Text header (media headers are not used by Chaud). */
  header?: string;
  footer?: string;
  replyTo?: string;
}

/** A template parameter in Meta's shape, for components other than plain text. */
export type TemplateParameter = { type: string; [key: string]: unknown };

export interface TemplateComponent {
  type: 'header' | 'body' | 'button';
  sub_type?: 'quick_reply' | 'url' | 'catalog' | 'flow';
  index?: string;
  parameters?: readonly TemplateParameter[];
}

export interface TemplateInput {
  name: string;
  languageCode: string;
  /** Body variables: in order for {{1}}, {{2}}…, or by name for templates with named parameters. */
  bodyParameters?: readonly string[] | Readonly<Record<string, string>>;
  /** Payloads of the template's quick-reply buttons, by button position; they come back in the `button` webhook. */
  quickReplyPayloads?: readonly string[];
  /** Meta components as-is, added after the ones built from the fields above. */
  components?: readonly TemplateComponent[];
}

export type MessageRequest = Record<string, unknown> & { messaging_product: 'whatsapp' };

export function buildTextMessage(
  to: string,
  body: string,
  options: { previewUrl?: boolean; replyTo?: string } = {},
): MessageRequest {
  requireText(body, LIMITS.textBody, 'text.body');
  return envelope(to, 'text', { text: { body, preview_url: options.previewUrl ?? false } }, options.replyTo);
}

export function buildButtonsMessage(
  to: string,
  frame: InteractiveFrame,
  buttons: readonly ReplyButton[],
): MessageRequest {
  if (buttons.length < 1 || buttons.length > LIMITS.buttons) {
    throw whatsappErrors.invalidMessage(
      `A reply-button message has 1 to 3 buttons, not ${buttons.length}.`,
      'buttons',
    );
  }
  buttons.forEach((button, index) => {
    requireText(button.title, LIMITS.buttonTitle, `buttons[${index}].title`);
    requireId(button.id, LIMITS.buttonId, `buttons[${index}].id`);
  });
  requireUnique(
    buttons.map((button) => button.title),
    'buttons.title',
  );
  requireUnique(
    buttons.map((button) => button.id),
    'buttons.id',
  );
  const action = {
    buttons: buttons.map((button) => ({ type: 'reply', reply: { id: button.id, title: button.title } })),
  };
  return envelope(to, 'interactive', { interactive: interactive('button', frame, action) }, frame.replyTo);
}

export function buildListMessage(
  to: string,
  frame: InteractiveFrame,
  buttonText: string,
  sections: readonly ListSection[],
): MessageRequest {
  requireText(buttonText, LIMITS.listButtonText, 'action.button');
  if (sections.length < 1 || sections.length > LIMITS.sections) {
    throw whatsappErrors.invalidMessage(
      `A list message has 1 to 10 sections, not ${sections.length}.`,
      'sections',
    );
  }
  const rows = sections.flatMap((section) => section.rows);
  if (rows.length < 1 || rows.length > LIMITS.rowsTotal) {
    throw whatsappErrors.invalidMessage(
      `A list message has 1 to 10 rows in all, not ${rows.length}.`,
      'sections.rows',
    );
  }
  sections.forEach((section, sectionIndex) => {
    if (section.title !== undefined || sections.length > 1) {
      requireText(section.title ?? '', LIMITS.sectionTitle, `sections[${sectionIndex}].title`);
    }
    section.rows.forEach((row, rowIndex) => {
      const path = `sections[${sectionIndex}].rows[${rowIndex}]`;
      requireText(row.title, LIMITS.rowTitle, `${path}.title`);
      requireId(row.id, LIMITS.rowId, `${path}.id`);
      if (row.description !== undefined)
        requireText(row.description, LIMITS.rowDescription, `${path}.description`);
    });
  });
  requireUnique(
    rows.map((row) => row.id),
    'sections.rows.id',
  );
  const action = {
    button: buttonText,
    sections: sections.map((section) => ({
      ...(section.title === undefined ? {} : { title: section.title }),
      rows: section.rows.map((row) => ({
        id: row.id,
        title: row.title,
        ...(row.description === undefined ? {} : { description: row.description }),
      })),
    })),
  };
  return envelope(to, 'interactive', { interactive: interactive('list', frame, action) }, frame.replyTo);
}

export function buildTemplateMessage(to: string, template: TemplateInput): MessageRequest {
  requireText(template.name, LIMITS.templateName, 'template.name');
  if (!/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,4})?$/.test(template.languageCode)) {
    throw whatsappErrors.invalidMessage(
      `"${template.languageCode}" is not a template language code.`,
      'template.language',
    );
  }
  const components: TemplateComponent[] = [];
  const body = template.bodyParameters;
  if (body !== undefined && (Array.isArray(body) ? body.length > 0 : Object.keys(body).length > 0)) {
    const parameters = Array.isArray(body)
      ? body.map((text) => ({ type: 'text', text }))
      : Object.entries(body).map(([name, text]) => ({ type: 'text', parameter_name: name, text }));
    components.push({ type: 'body', parameters });
  }
  (template.quickReplyPayloads ?? []).forEach((payload, index) => {
    components.push({
      type: 'button',
      sub_type: 'quick_reply',
      index: String(index),
      parameters: [{ type: 'payload', payload }],
    });
  });
  components.push(...(template.components ?? []));
  const content = {
    name: template.name,
    // Meta's LanguageObject: `policy` is always "deterministic" (the only value it defines).
    language: { policy: 'deterministic', code: template.languageCode },
    ...(components.length > 0 ? { components } : {}),
  };
  return envelope(to, 'template', { template: content });
}

/** Marks an inbound message read (blue ticks); with `showTyping`, also shows the typing indicator. */
export function buildReadReceipt(messageId: string, options: { showTyping?: boolean } = {}): MessageRequest {
  requireId(messageId, 512, 'message_id');
  return {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: messageId,
    ...(options.showTyping ? { typing_indicator: { type: 'text' } } : {}),
  };
}

function envelope(to: string, type: string, content: object, replyTo?: string): MessageRequest {
  if (!RECIPIENT_PATTERN.test(to)) {
    throw whatsappErrors.invalidMessage(`"${to}" is not a WhatsApp number (digits, optional "+").`, 'to');
  }
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type,
    ...(replyTo === undefined ? {} : { context: { message_id: replyTo } }),
    ...content,
  };
}

function interactive(type: 'button' | 'list', frame: InteractiveFrame, action: object): object {
  requireText(frame.body, LIMITS.interactiveBody, 'interactive.body.text');
  if (frame.header !== undefined) requireText(frame.header, LIMITS.headerText, 'interactive.header.text');
  if (frame.footer !== undefined) requireText(frame.footer, LIMITS.footerText, 'interactive.footer.text');
  return {
    type,
    ...(frame.header === undefined ? {} : { header: { type: 'text', text: frame.header } }),
    body: { text: frame.body },
    ...(frame.footer === undefined ? {} : { footer: { text: frame.footer } }),
    action,
  };
}

// Lengths are JavaScript lengths (UTF-16 code units): an emoji counts 2, never less than Meta counts it.
function requireText(value: string, max: number, field: string): void {
  if (value.trim() === '') throw whatsappErrors.invalidMessage(`${field} cannot be empty.`, field);
  if (value.length > max) {
    throw whatsappErrors.invalidMessage(
      `${field} has ${value.length} characters; Meta allows ${max}.`,
      field,
    );
  }
}

function requireId(value: string, max: number, field: string): void {
  requireText(value, max, field);
  if (value !== value.trim())
    throw whatsappErrors.invalidMessage(`${field} cannot start or end with spaces.`, field);
}

function requireUnique(values: readonly string[], field: string): void {
  if (new Set(values).size !== values.length) {
    throw whatsappErrors.invalidMessage(`${field} must be unique within the message.`, field);
  }
}
