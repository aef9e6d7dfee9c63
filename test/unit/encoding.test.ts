// Which encoding the CLI reads a file in, from its first bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniffEncoding } from '../../src/core/recognition/encoding';

const TEXT = 'Proto  Local Address          Foreign Address        State\r\n  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\r\n';

test('a byte order mark decides', () => {
  assert.equal(sniffEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])), 'utf-16le');
  assert.equal(sniffEncoding(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])), 'utf-16be');
  assert.equal(sniffEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])), 'utf-8');
});

test('UTF-16 without a BOM is recognised by its zero bytes; UTF-8 and binary are not taken for it', () => {
  assert.equal(sniffEncoding(Buffer.from(TEXT, 'utf16le')), 'utf-16le');
  assert.equal(sniffEncoding(Buffer.from(TEXT, 'utf16le').swap16()), 'utf-16be');
  assert.equal(sniffEncoding(Buffer.from(TEXT)), 'utf-8');
  assert.equal(sniffEncoding(Buffer.from('活动连接 ESTABLISHED 本地地址 '.repeat(20))), 'utf-8');
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  assert.equal(sniffEncoding(binary), 'utf-8');
  assert.equal(sniffEncoding(Buffer.alloc(4096)), 'utf-8', 'all zeros is binary, not text');
  assert.equal(sniffEncoding(Buffer.from([0x41])), 'utf-8');
});
