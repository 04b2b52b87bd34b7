import { parseInboundEmail } from '../src/modules/conversations/index.ts';
import { createTestContext, type TestContext, type TestWorkspace } from './harness.ts';
import { SmtpCapture } from './smtp-capture.ts';

export interface EmailTestContext {
  t: TestContext;
  workspace: TestWorkspace;
  smtp: SmtpCapture;
  /** The messages the SMTP server received for `address`, parsed. */
  mailsTo(address: string): ReturnType<typeof parseMailsTo>;
  close(): Promise<void>;
}

async function parseMailsTo(smtp: SmtpCapture, address: string) {
  const parsed = await Promise.all(smtp.received.map((raw) => parseInboundEmail(raw)));
  return parsed.filter((mail) => mail.to.includes(address));
}

/** An application with workers, SMTP on a real loopback server and one workspace. */
export async function startEmailTestContext(): Promise<EmailTestContext> {
  const smtp = await SmtpCapture.start();
  const t = await createTestContext({
    workers: true,
    env: {
      SMTP_URL: smtp.url,
      CHAUD_EMAIL_FROM: 'Camille de Chaud <camille@chaud.test>',
      CHAUD_PUBLIC_URL: 'https://chaud.test',
      CHAUD_SECRET: 'a-test-secret-of-32-characters!!',
    },
  });
  const workspace = await t.createWorkspace();
  return {
    t,
    workspace,
    smtp,
    mailsTo: (address) => parseMailsTo(smtp, address),
    async close() {
      await t.close();
      await smtp.close();
    },
  };
}
