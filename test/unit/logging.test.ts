import { Writable } from 'node:stream';
import { expect } from 'chai';
import winston from 'winston';
import { requestContext } from '../../server/logging/context';
import { configureLogger, getLogger } from '../../server/logging/logger';
import { REDACTED, sanitize } from '../../server/logging/sanitize';

/** A transport that keeps each line written to it. */
function captureLines() {
  const lines: string[] = [];
  const capture = new winston.transports.Stream({
    stream: new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  return { lines, capture };
}

describe('logging', () => {
  it('redacts personal fields at any depth', () => {
    const out = sanitize({
      site: { code: 'A', contactPhone: '13800000000' },
      people: [
        { fullName: 'Zhang San', idNumber: '11010519491231002X', category: 'close_contact' },
      ],
    });
    expect(out).to.deep.equal({
      site: { code: 'A', contactPhone: REDACTED },
      people: [{ fullName: REDACTED, idNumber: REDACTED, category: 'close_contact' }],
    });
  });

  it('puts the request id on every line written while serving a request, without personal data', () => {
    const { lines, capture } = captureLines();
    configureLogger({ level: 'info', json: true });
    const log = getLogger('allocation');
    log.add(capture);
    try {
      requestContext.run({ requestId: 'req-12345678' }, () => {
        log.info('placed', { person: { fullName: 'Li Si', phone: '13912345678' }, roomId: 7 });
      });
    } finally {
      log.remove(capture);
      configureLogger({ level: 'error', json: false, silent: true });
    }
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).to.include({ requestId: 'req-12345678', category: 'allocation', roomId: 7 });
    expect(lines[0]).to.not.contain('Li Si');
    expect(lines[0]).to.not.contain('13912345678');
  });

  it('does not build an entry below the level (the access log at the default info)', () => {
    const { lines, capture } = captureLines();
    let built = 0;
    const meta = {
      get status() {
        built += 1;
        return 201;
      },
    };
    const log = getLogger('http');
    log.add(capture);
    try {
      configureLogger({ level: 'info', json: true });
      log.http('POST /api/parties/1/placement 201', meta);
      expect(built).to.equal(0);
      configureLogger({ level: 'http', json: true });
      log.http('POST /api/parties/1/placement 201', meta);
      expect(built).to.be.greaterThan(0);
    } finally {
      log.remove(capture);
      configureLogger({ level: 'error', json: false, silent: true });
    }
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0])).to.include({ category: 'http', status: 201 });
  });
});
