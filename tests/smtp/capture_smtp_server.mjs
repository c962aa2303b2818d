// A real SMTP server for sealpost's mail tests (npm smtp-server), parsing every message it
// accepts with an independent MIME parser (npm mailparser).
//
// stdout, one JSON object per line:
//   {"event":"listening","port":N}                      first line, once listening on 127.0.0.1
//   {"event":"connect"}                                 a client connected
//   {"event":"auth","username":"…","ok":true|false}     an AUTH attempt
//   {"event":"rcpt-rejected","address":"…","code":N}    a recipient answered 4xx/5xx
//   {"event":"message", envelope, tls, headers, headerLines, subject, from, to, date, messageId,
//    text, html, attachments[{filename,contentType,size,sha256}], rawBase64}
//
// Scripted answers, so tests can drive every branch of a client:
//   RCPT TO an address starting with "bounce"  → 550 (permanent: recipient refused)
//   RCPT TO an address starting with "later@"  → 451 (transient)
//   a message whose Subject contains "REFUSE-DATA" → 554 after DATA (message refused)
//
// Options:
//   --auth USER:PASSWORD        require AUTH (PLAIN or LOGIN) with exactly these credentials
//   --tls-key FILE --tls-cert FILE   offer STARTTLS with this certificate (otherwise no STARTTLS)
//
// Ends when stdin closes (so it never outlives the test) or on SIGTERM.
import crypto from 'node:crypto';
import fs from 'node:fs';

import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : undefined;
}

function emit(object) {
  // Pipes are written synchronously on Linux: the line is out before the client sees our reply.
  process.stdout.write(JSON.stringify(object) + '\n');
}

function smtpError(code, text) {
  const error = new Error(text);
  error.responseCode = code;
  return error;
}

// JSON-able form of mailparser's structured header values (Dates, address objects, Maps).
function plain(value) {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

const auth = option('--auth');
const tlsKey = option('--tls-key');
const tlsCert = option('--tls-cert');
const withTls = Boolean(tlsKey && tlsCert);

const disabled = [];
if (!auth) disabled.push('AUTH');
if (!withTls) disabled.push('STARTTLS');

const server = new SMTPServer({
  logger: false,
  banner: 'sealpost capture server',
  disabledCommands: disabled,
  hideSTARTTLS: !withTls,
  authOptional: !auth,
  allowInsecureAuth: true,  // AUTH over a plain loopback connection, as a local relay allows it
  authMethods: ['PLAIN', 'LOGIN'],
  ...(withTls ? { key: fs.readFileSync(tlsKey), cert: fs.readFileSync(tlsCert) } : {}),
  size: 25 * 1024 * 1024,

  onConnect(session, callback) {
    emit({ event: 'connect' });
    callback();
  },

  onAuth(attempt, session, callback) {
    const [user, ...rest] = auth.split(':');
    const ok = attempt.username === user && attempt.password === rest.join(':');
    emit({ event: 'auth', method: attempt.method, username: attempt.username, ok });
    if (!ok) return callback(smtpError(535, 'Authentication credentials invalid'));
    callback(null, { user: attempt.username });
  },

  onRcptTo(address, session, callback) {
    const rcpt = address.address;
    if (rcpt.startsWith('bounce')) {
      emit({ event: 'rcpt-rejected', address: rcpt, code: 550 });
      return callback(smtpError(550, 'No such user here'));
    }
    if (rcpt.startsWith('later@')) {
      emit({ event: 'rcpt-rejected', address: rcpt, code: 451 });
      return callback(smtpError(451, 'Try again later'));
    }
    callback();
  },

  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', async () => {
      const raw = Buffer.concat(chunks);
      try {
        const mail = await simpleParser(raw);
        emit({
          event: 'message',
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          tls: Boolean(session.secure),
          user: session.user || null,
          headers: plain(mail.headers),
          headerLines: mail.headerLines,
          subject: mail.subject ?? null,
          from: plain(mail.from ?? null),
          to: plain(mail.to ?? null),
          date: mail.date ? mail.date.toISOString() : null,
          messageId: mail.messageId ?? null,
          text: mail.text ?? null,
          html: mail.html || null,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename ?? null,
            contentType: a.contentType,
            contentDisposition: a.contentDisposition ?? null,
            size: a.content.length,
            sha256: crypto.createHash('sha256').update(a.content).digest('hex'),
          })),
          rawBase64: raw.toString('base64'),
        });
        if ((mail.subject || '').includes('REFUSE-DATA')) {
          return callback(smtpError(554, 'Message refused'));
        }
        callback();
      } catch (error) {
        emit({ event: 'parse-error', message: String(error) });
        callback(smtpError(451, 'Could not parse the message'));
      }
    });
  },
});

server.on('error', (error) => emit({ event: 'server-error', message: String(error) }));
server.listen(0, '127.0.0.1', () => emit({ event: 'listening', port: server.server.address().port }));

process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
