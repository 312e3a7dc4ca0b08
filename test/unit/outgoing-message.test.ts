import { describe, expect, it } from 'vitest';
import { prepareMessage, textToHtml } from '../../utils/compose/outgoing-message';
import { HailerError } from '../../utils/errors';

function refusal(draft: unknown): string | undefined {
  try {
    prepareMessage(draft);
  } catch (e) {
    expect(e).toBeInstanceOf(HailerError);
    expect((e as HailerError).code).toBe('invalid_message');
    return (e as HailerError).detail;
  }
  throw new Error('expected a refusal');
}

describe('prepareMessage', () => {
  it('builds an in-app message without subject or template', () => {
    expect(prepareMessage({ channel: 'in_app', body: 'Hello', subject: 'ignored' })).toEqual({ message_type: 'in_app', body: '<p>Hello</p>' });
  });
  it('builds an email with subject and template', () => {
    expect(prepareMessage({ channel: 'email', subject: ' Invoice ', template: 'personal', body: 'Hi' })).toEqual({
      message_type: 'email',
      subject: 'Invoice',
      template: 'personal',
      body: '<p>Hi</p>',
    });
  });
  it('defaults the email template to plain', () => {
    expect(prepareMessage({ channel: 'email', subject: 'S', body: 'Hi' })).toMatchObject({ template: 'plain' });
  });
  it('sends HTML bodies as written', () => {
    expect(prepareMessage({ channel: 'in_app', body: '<p>Hi <b>there</b></p>', bodyFormat: 'html' }).body).toBe('<p>Hi <b>there</b></p>');
  });
  it('refuses an empty body', () => {
    expect(refusal({ channel: 'in_app', body: '  \n ' })).toBe('Write a message before sending.');
  });
  it('refuses an email without subject', () => {
    expect(refusal({ channel: 'email', body: 'Hi', subject: ' ' })).toBe('An email needs a subject.');
  });
  it.each([
    ['the seed’s old inapp channel', { channel: 'inapp', body: 'Hi' }],
    ['an unknown template', { channel: 'email', subject: 'S', template: 'fancy', body: 'Hi' }],
    ['a huge body', { channel: 'in_app', body: 'x'.repeat(50_001) }],
    ['a non-numeric admin id', { channel: 'in_app', body: 'Hi', fromAdminId: 'ada' }],
    ['not an object', 'Hi'],
  ])('refuses %s', (_name, draft) => {
    expect(refusal(draft)).toBe('The message has fields Hailer does not understand.');
  });
});

describe('textToHtml', () => {
  it('escapes markup and turns blank lines into paragraphs and newlines into breaks', () => {
    expect(textToHtml('Hi <Jane> & "team",\r\n\r\n\nline one\nline two\n')).toBe(
      '<p>Hi &lt;Jane&gt; &amp; &quot;team&quot;,</p><p>line one<br>line two</p>',
    );
  });
});
