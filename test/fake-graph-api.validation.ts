// Request checks of the fake Graph API, following the Message schema of business-messaging-api v23.0
// (BaseMessageProperties, TextMessage, InteractiveObject/ActionObject/SectionObject, TemplateObject,
// MediaObject, LocationMessage, ReactionMessage, ContactsMessage) and the read-receipt example.

/** An error the fake answers with, in Meta's envelope `{ error: { message, type, code, error_subcode, … } }`. */
export interface FakeGraphError {
  httpStatus?: number;
  code: number;
  subcode?: number;
  message?: string;
  type?: string;
  details?: string;
  retryAfterSeconds?: number;
}

export interface FakeTemplate {
  name: string;
  language: string;
  /** Number of {{n}} variables in the body; checked when set. */
  bodyParameterCount?: number;
}

type Json = Record<string, unknown>;

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const INTERACTIVE_TYPES = [
  'button',
  'list',
  'product',
  'product_list',
  'catalog_message',
  'flow',
  'cta_url',
  'order_details',
  'order_status',
  'location_request_message',
  'call_permission_request',
];
const CONTENT_KEYS = ['text', 'interactive', 'template', ...MEDIA_TYPES, 'location', 'reaction', 'contacts'];
const TEMPLATE_COMPONENT_TYPES = ['header', 'body', 'button'];

/** The first thing Meta would refuse in this body, or undefined when it is a documented message. */
export function validateMessage(
  body: unknown,
  templates?: readonly FakeTemplate[],
): FakeGraphError | undefined {
  if (!isObject(body)) return invalid(100, 'The request body must be a JSON object.');
  if (body.messaging_product !== 'whatsapp') {
    return { code: 100, message: '(#100) The parameter messaging_product is required.' };
  }
  if (body.status === 'read') {
    return typeof body.message_id === 'string' && body.message_id !== ''
      ? undefined
      : missing("Parameter 'message_id' is required for a read receipt.");
  }
  if (typeof body.to !== 'string' || body.to === '') return missing("Parameter 'to' is required.");
  if (!/^\+?[\d\s()-]{5,25}$/.test(body.to))
    return invalid(131009, `'${body.to}' is not a valid phone number.`);
  if (
    body.recipient_type !== undefined &&
    body.recipient_type !== 'individual' &&
    body.recipient_type !== 'group'
  ) {
    return invalid(131009, "recipient_type must be 'individual' or 'group'.");
  }
  if (body.context !== undefined && !(isObject(body.context) && isText(body.context.message_id))) {
    return invalid(131009, 'context.message_id must be a message id.');
  }
  // Two of Meta's own examples omit `type` ("Send Text Message with Preview URL", "Send Reply to List
  // Message"): the fake then takes the content key present, text by default.
  const type = body.type ?? CONTENT_KEYS.find((key) => body[key] !== undefined) ?? 'text';
  if (typeof type !== 'string') return invalid(131009, "'type' must be a string.");
  const content = body[type];
  if (content === undefined) return missing(`Parameter '${type}' is required for type '${type}'.`);
  if (type === 'text') return checkText(content);
  if (type === 'interactive') return checkInteractive(content);
  if (type === 'template') return checkTemplate(content, templates);
  if (MEDIA_TYPES.includes(type)) {
    return isObject(content) && (isText(content.id) || isText(content.link))
      ? undefined
      : missing(`${type} needs an 'id' or a 'link'.`);
  }
  if (type === 'location') {
    return isObject(content) && content.latitude !== undefined && content.longitude !== undefined
      ? undefined
      : missing('location needs latitude and longitude.');
  }
  if (type === 'reaction') {
    return isObject(content) && isText(content.message_id) && typeof content.emoji === 'string'
      ? undefined
      : missing('reaction needs message_id and emoji.');
  }
  if (type === 'contacts') {
    return Array.isArray(content) && content.length > 0
      ? undefined
      : missing('contacts needs at least one contact.');
  }
  return invalid(131009, `Message type '${type}' is not supported.`);
}

function checkText(content: unknown): FakeGraphError | undefined {
  if (!isObject(content) || typeof content.body !== 'string')
    return missing("Parameter 'text.body' is required.");
  if (content.preview_url !== undefined && typeof content.preview_url !== 'boolean') {
    return invalid(131009, 'text.preview_url must be a boolean.');
  }
  return checkLength(content.body, 4096, 'text.body');
}

function checkInteractive(content: unknown): FakeGraphError | undefined {
  if (!isObject(content) || typeof content.type !== 'string')
    return missing("Parameter 'interactive.type' is required.");
  if (!INTERACTIVE_TYPES.includes(content.type))
    return invalid(131009, `interactive.type '${content.type}' is not valid.`);
  if (!isObject(content.action)) return missing("Parameter 'interactive.action' is required.");
  if (content.header !== undefined) {
    if (!isObject(content.header) || typeof content.header.type !== 'string')
      return missing('interactive.header.type is required.');
    if (content.header.type === 'text') {
      const problem = checkLength(content.header.text, 60, 'interactive.header.text');
      if (problem) return problem;
    }
  }
  if (content.footer !== undefined) {
    const problem = isObject(content.footer)
      ? checkLength(content.footer.text, 60, 'interactive.footer.text')
      : missing('interactive.footer.text');
    if (problem) return problem;
  }
  if (content.type !== 'button' && content.type !== 'list') return undefined;
  if (!isObject(content.body)) return missing("Parameter 'interactive.body' is required.");
  const bodyProblem = checkLength(content.body.text, 1024, 'interactive.body.text');
  if (bodyProblem) return bodyProblem;
  return content.type === 'button' ? checkButtons(content.action) : checkList(content.action);
}

function checkButtons(action: Json): FakeGraphError | undefined {
  const buttons = action.buttons;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    return invalid(131009, 'action.buttons must hold 1 to 3 buttons.');
  }
  const titles = new Set<unknown>();
  const ids = new Set<unknown>();
  for (const [index, button] of buttons.entries()) {
    if (!isObject(button) || button.type !== 'reply' || !isObject(button.reply)) {
      return invalid(131009, `buttons[${index}] must be { type: 'reply', reply: { id, title } }.`);
    }
    const problem =
      checkLength(button.reply.title, 20, `buttons[${index}].reply.title`) ??
      checkLength(button.reply.id, 256, `buttons[${index}].reply.id`);
    if (problem) return problem;
    titles.add(button.reply.title);
    ids.add(button.reply.id);
  }
  if (titles.size !== buttons.length || ids.size !== buttons.length) {
    return invalid(131009, 'Button titles and ids must be unique.');
  }
  return undefined;
}

function checkList(action: Json): FakeGraphError | undefined {
  const buttonProblem = checkLength(action.button, 20, 'action.button');
  if (buttonProblem) return buttonProblem;
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length < 1 || sections.length > 10) {
    return invalid(131009, 'action.sections must hold 1 to 10 sections.');
  }
  let rowCount = 0;
  const rowIds = new Set<unknown>();
  for (const [sectionIndex, section] of sections.entries()) {
    if (!isObject(section) || !Array.isArray(section.rows))
      return missing(`sections[${sectionIndex}].rows is required.`);
    if (sections.length > 1 || section.title !== undefined) {
      const problem = checkLength(section.title, 24, `sections[${sectionIndex}].title`);
      if (problem) return problem;
    }
    for (const [rowIndex, row] of section.rows.entries()) {
      const path = `sections[${sectionIndex}].rows[${rowIndex}]`;
      if (!isObject(row)) return invalid(131009, `${path} must be an object.`);
      const problem =
        checkLength(row.id, 200, `${path}.id`) ??
        checkLength(row.title, 24, `${path}.title`) ??
        (row.description === undefined ? undefined : checkLength(row.description, 72, `${path}.description`));
      if (problem) return problem;
      rowIds.add(row.id);
      rowCount += 1;
    }
  }
  if (rowCount < 1 || rowCount > 10) return invalid(131009, 'A list holds 1 to 10 rows in all.');
  if (rowIds.size !== rowCount) return invalid(131009, 'Row ids must be unique.');
  return undefined;
}

function checkTemplate(
  content: unknown,
  templates: readonly FakeTemplate[] | undefined,
): FakeGraphError | undefined {
  if (!isObject(content) || !isText(content.name)) return missing("Parameter 'template.name' is required.");
  const language = content.language;
  if (!isObject(language) || !isText(language.code))
    return missing("Parameter 'template.language.code' is required.");
  const policy = language.policy;
  if (policy !== undefined && policy !== 'deterministic')
    return invalid(131009, "language.policy must be 'deterministic'.");
  const components = content.components ?? [];
  if (!Array.isArray(components)) return invalid(131009, 'template.components must be an array.');
  let bodyParameters = 0;
  for (const [index, component] of components.entries()) {
    if (!isObject(component) || !TEMPLATE_COMPONENT_TYPES.includes(String(component.type))) {
      return invalid(131009, `components[${index}].type must be header, body or button.`);
    }
    if (component.type === 'button' && (!isText(component.sub_type) || component.index === undefined)) {
      return missing(`components[${index}] is a button: sub_type and index are required.`);
    }
    const parameters = component.parameters ?? [];
    if (
      !Array.isArray(parameters) ||
      parameters.some((parameter) => !isObject(parameter) || !isText(parameter.type))
    ) {
      return invalid(131009, `components[${index}].parameters must be objects with a type.`);
    }
    if (component.type === 'body') bodyParameters += parameters.length;
  }
  if (!templates) return undefined;
  const template = templates.find((item) => item.name === content.name && item.language === language.code);
  if (!template) {
    return {
      code: 132001,
      message: '(#132001) Template name does not exist in the translation',
      details: `template name (${content.name}) does not exist in ${language.code}`,
    };
  }
  if (template.bodyParameterCount !== undefined && template.bodyParameterCount !== bodyParameters) {
    return {
      code: 132000,
      message: '(#132000) Number of parameters does not match the expected number of params',
      details: `body: number of localizable_params (${bodyParameters}) does not match the expected number of params (${template.bodyParameterCount})`,
    };
  }
  return undefined;
}

function checkLength(value: unknown, max: number, field: string): FakeGraphError | undefined {
  if (typeof value !== 'string' || value.trim() === '') return missing(`Parameter '${field}' is required.`);
  if (value.length > max) return invalid(131009, `${field} is longer than ${max} characters.`);
  return undefined;
}

function missing(details: string): FakeGraphError {
  return { code: 131008, message: '(#131008) Required parameter is missing', details };
}

function invalid(code: 100 | 131009, details: string): FakeGraphError {
  const message = code === 100 ? '(#100) Invalid parameter' : '(#131009) Parameter value is not valid';
  return { code, message, details };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
