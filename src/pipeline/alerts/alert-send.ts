import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import nodemailer from 'nodemailer';
import { EgressRefusedError } from '../../security/egress.ts';
import type { Egress } from '../../security/egress.ts';
import type { ClaimedDelivery } from '../../store/alerts/alert-deliveries.repository.ts';

/** The JSON every destination receives: what happened, and where to look. */
export function alertPayload(delivery: ClaimedDelivery) {
  return {
    type: 'alert.raised',
    alert: {
      id: delivery.alert_id,
      workspaceId: delivery.workspace_id,
      kind: delivery.alert_kind,
      summary: delivery.summary,
      brandId: delivery.brand_id,
      conversationId: delivery.conversation_id,
      mentionId: delivery.mention_id,
      data: delivery.data,
      createdAt: delivery.created_at.toISOString(),
    },
  };
}

/** `sha256=<hex>`: the HMAC-SHA256 of the exact bytes of the body, keyed by the destination's secret. */
function signAlertBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

interface WebhookRequest {
  url: string;
  secret: string;
  body: string;
  now: Date;
  timeoutMs: number;
  /** Where alerts may go (security/egress.ts): public https receivers unless the operator opted in. */
  egress: Egress;
}

/**
 * POSTs the alert; throws with the reason when the receiver is unreachable, not allowed by the
 * egress policy or says no. Through the policy's agents, so the socket connects only to an
 * address that was checked; node:http never follows redirects.
 */
export async function postAlertWebhook(request: WebhookRequest): Promise<void> {
  const url = new URL(request.url);
  const problem = request.egress.urlProblem(url);
  if (problem) throw new EgressRefusedError(problem);
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const status = await new Promise<number>((resolve, reject) => {
    const outgoing = send(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body, 'utf8'),
          'user-agent': 'Earshot-Alerts',
          'x-earshot-signature': signAlertBody(request.secret, request.body),
          'x-earshot-timestamp': String(Math.floor(request.now.getTime() / 1000)),
        },
        signal: AbortSignal.timeout(request.timeoutMs),
        agent: secure ? request.egress.httpsAgent : request.egress.httpAgent,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body, 'utf8');
  });
  if (status < 200 || status >= 300) throw new Error(`the webhook answered HTTP ${status}`);
}

export interface SmtpSettings {
  url: string;
  from: string;
}

/** Sends the alert as a plain-text email (customer text stays text). */
export async function mailAlert(
  smtp: SmtpSettings | undefined,
  to: string,
  delivery: ClaimedDelivery,
  timeoutMs: number,
): Promise<void> {
  if (!smtp) throw new Error('no SMTP server is configured (EARSHOT_SMTP_URL)');
  const transport = nodemailer.createTransport(smtp.url, {
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to,
      subject: `[Earshot] ${kindTitle[delivery.alert_kind]}: ${delivery.summary}`.slice(0, 200),
      text: [
        delivery.summary,
        '',
        `Kind: ${delivery.alert_kind}`,
        `Raised: ${delivery.created_at.toISOString()}`,
        ...(delivery.conversation_id ? [`Conversation: ${delivery.conversation_id}`] : []),
        '',
        JSON.stringify(delivery.data, null, 2),
      ].join('\n'),
    });
  } finally {
    transport.close();
  }
}

const kindTitle: Record<ClaimedDelivery['alert_kind'], string> = {
  spike: 'Negative spike',
  viral: 'Viral post',
  sla_breach: 'SLA breached',
  test: 'Test alert',
  channel_error: 'Channel not listening',
};
