import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/auth.ts';
import { ZErrorResponse } from '../../platform/http/schemas.ts';
import { playSandboxMessage } from '../../workflows/sandbox.workflow.ts';
import { findVisibleLead } from '../leads/index.ts';
import { CONVERSATION_EVENTS_CHANNEL, type ConversationChange } from './conversation-events.ts';
import {
  ZAssignInput,
  ZConversation,
  ZConversationListItem,
  ZConversationListQuery,
  ZMessage,
  ZSandboxMessageInput,
  ZTextInput,
} from './conversations.schemas.ts';
import {
  addNote,
  assignConversation,
  getVisibleConversation,
  releaseConversation,
  sendManualMessage,
  takeOverConversation,
} from './inbox.service.ts';
import { getConversationWithMessages, listConversations } from './inbox-list.service.ts';

const ZIdParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse, 409: ZErrorResponse };
// The detail's conversation has the list item's shape, so the inbox refreshes one row from it after a change.
const ZConversationDetail = z.object({ conversation: ZConversationListItem, messages: z.array(ZMessage) });
// A comment line every 25 s keeps proxies from closing an idle stream.
const KEEP_ALIVE_MS = 25_000;

export const inboxRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Open event streams never end by themselves: closing the server ends them, or shutdown would wait forever
  // for an inbox tab left open.
  const openStreams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });

  app.get('/api/v1/conversations', {
    schema: {
      tags: ['conversations'],
      summary:
        'Conversations, newest activity first, each with its lead (name, e-mail, company) and last message preview; `needsHuman=true` is the queue of conversations waiting for a person',
      querystring: ZConversationListQuery,
      response: { 200: z.object({ data: z.array(ZConversationListItem) }), ...errors },
    },
    handler: async (request) => ({ data: await listConversations(ctx.db, actorOf(request), request.query) }),
  });

  app.get('/api/v1/conversations/stream', {
    schema: {
      tags: ['conversations'],
      summary:
        'Server-sent events: one `conversation` event per change (message, status, takeover) in the workspace',
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      response.write(': connected\n\n');
      openStreams.add(response);
      const unsubscribe = await ctx.notifications.subscribe(CONVERSATION_EVENTS_CHANNEL, (payload) => {
        const change = payload as ConversationChange;
        if (change.workspaceId !== actor.workspaceId) return;
        response.write(
          `event: conversation\ndata: ${JSON.stringify({ ...change, workspaceId: undefined })}\n\n`,
        );
      });
      const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      request.raw.on('close', () => {
        openStreams.delete(response);
        clearInterval(keepAlive);
        unsubscribe();
      });
    },
  });

  app.get('/api/v1/conversations/:id', {
    schema: {
      tags: ['conversations'],
      summary: 'A conversation (same shape as in the list) with its messages (oldest first, last 200)',
      params: ZIdParams,
      response: { 200: ZConversationDetail, ...errors },
    },
    handler: async (request) => getConversationWithMessages(ctx.db, actorOf(request), request.params.id),
  });

  app.get('/api/v1/leads/:id/conversations', {
    schema: {
      tags: ['conversations'],
      summary: "A lead's conversations, one per channel",
      params: ZIdParams,
      response: { 200: z.object({ data: z.array(ZConversationListItem) }), ...errors },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const lead = await findVisibleLead(ctx.db, actor, request.params.id);
      return { data: await listConversations(ctx.db, actor, { leadId: lead.id, limit: 10 }) };
    },
  });

  app.post('/api/v1/conversations/:id/assign', {
    schema: {
      tags: ['conversations'],
      summary: 'Assigns the conversation to a member (null to unassign)',
      params: ZIdParams,
      body: ZAssignInput,
      response: { 200: ZConversation, ...errors },
    },
    handler: async (request) =>
      assignConversation(ctx, actorOf(request), request.params.id, request.body.userId),
  });

  app.post('/api/v1/conversations/:id/takeover', {
    schema: {
      tags: ['conversations'],
      summary:
        'A person takes the conversation: the agent stops replying and its queued messages are cancelled',
      params: ZIdParams,
      response: { 200: ZConversation, ...errors },
    },
    handler: async (request) => takeOverConversation(ctx, actorOf(request), request.params.id),
  });

  app.post('/api/v1/conversations/:id/release', {
    schema: {
      tags: ['conversations'],
      summary: 'Hands the conversation back to the agent',
      params: ZIdParams,
      response: { 200: ZConversation, ...errors },
    },
    handler: async (request) => releaseConversation(ctx, actorOf(request), request.params.id),
  });

  app.post('/api/v1/conversations/:id/messages', {
    schema: {
      tags: ['conversations'],
      summary: 'Sends a message written by a person (the conversation must be taken over first)',
      params: ZIdParams,
      body: ZTextInput,
      response: { 201: ZMessage, ...errors },
    },
    handler: async (request, reply) => {
      const message = await sendManualMessage(ctx, actorOf(request), request.params.id, request.body.text);
      return reply.code(201).send(message);
    },
  });

  app.post('/api/v1/conversations/:id/notes', {
    schema: {
      tags: ['conversations'],
      summary: 'Adds an internal note, never sent to the lead',
      params: ZIdParams,
      body: ZTextInput,
      response: { 201: ZMessage, ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      await getVisibleConversation(ctx.db, actor, request.params.id);
      return reply.code(201).send(await addNote(ctx, actor, request.params.id, request.body.text));
    },
  });

  app.post('/api/v1/sandbox/leads/:id/messages', {
    schema: {
      tags: ['conversations'],
      summary:
        'Plays the lead on the sandbox channel: stores the message, runs the agent turn and returns its replies',
      params: ZIdParams,
      body: ZSandboxMessageInput,
      response: {
        201: z.object({ conversation: ZConversation, message: ZMessage, replies: z.array(ZMessage) }),
        ...errors,
      },
    },
    handler: async (request, reply) => {
      const result = await playSandboxMessage(ctx, actorOf(request), request.params.id, request.body);
      return reply.code(201).send(result);
    },
  });
};
