// A real SMTP server for the tests (npm smtp-server): every message received is written, as sent, to
// <directory>/<sequence>.eml for the tests to read back. Plain SMTP on loopback; any AUTH is accepted.
// Usage: node smtp-server.mjs <directory> <port>
import { SMTPServer } from 'smtp-server';
import { writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const [directory, port] = process.argv.slice(2);
let sequence = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  banner: 'DossierWorkflow test SMTP server',
  onAuth(auth, session, callback) {
    callback(null, { user: auth.username });
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', chunk => chunks.push(chunk));
    stream.on('end', () => {
      // Written under a temporary name, then renamed: a reader never sees half a message.
      const name = `${String(++sequence).padStart(6, '0')}.eml`;
      writeFileSync(join(directory, name + '.part'), Buffer.concat(chunks));
      renameSync(join(directory, name + '.part'), join(directory, name));
      callback();
    });
  },
});

// Before listening, an error is the server's own (the port taken): it exits and says why. After, an error that names
// a client (remoteAddress) is that client's connection breaking — an app instance killed in the middle of a message
// resets it, and smtp-server reports that as an error when the message had begun: that message is lost to that client,
// which sends it again, and the server goes on. Any other error ends the server, saying why.
let listening = false;
server.on('error', error => {
  if (listening && error.remoteAddress) {
    console.error(`connection error from ${error.remoteAddress}: ${error.code ?? ''} ${error.message}`);
    return;
  }
  console.error(error.code === 'EADDRINUSE' ? 'EADDRINUSE' : error.message);
  process.exit(1);
});
server.listen(Number(port), '127.0.0.1', () => { listening = true; });
