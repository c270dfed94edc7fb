import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../../server/auth/password';

describe('password hashing', () => {
  it('stores scrypt parameters, salt and key, and verifies the right password only', async () => {
    const stored = await hashPassword('admin-demo-2026');
    expect(stored).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    const [, , , , salt, key] = stored.split('$');
    expect(Buffer.from(salt, 'base64')).to.have.length(16);
    expect(Buffer.from(key, 'base64')).to.have.length(64);
    expect(await verifyPassword('admin-demo-2026', stored)).to.equal(true);
    expect(await verifyPassword('admin-demo-2027', stored)).to.equal(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.to.equal(await hashPassword('same'));
  });

  it('refuses stored values it did not write', async () => {
    expect(await verifyPassword('x', '')).to.equal(false);
    expect(await verifyPassword('x', 'bcrypt$2b$10$abc')).to.equal(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$$')).to.equal(false);
  });
});
