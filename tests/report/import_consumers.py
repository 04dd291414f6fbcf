#!/usr/bin/env python3
"""Reads a `bouncekit suppressions --format F` file the way its consumer does and prints
what the consumer would take, one "address<TAB>detail" line per address (detail: the SES
reason, the Mailchimp status, or "-"). Exits 1, with the reason on stderr, when the consumer
would refuse the file. Used by tests/report/exports_test.cpp and tests/nightly/suppressions_cli_test.cpp.

Each reader follows the consumer's documentation (docs/list-managers.md):
- mailman: Mailman 3 `mailman delmembers -f`: skip blank lines and lines starting with '#',
  email.utils.parseaddr on every other line.
- listmonk: CSV with the header columns email, name, attributes; attributes a JSON object;
  name required.
- ses: CSV rows "emailAddress,reason", reason BOUNCE or COMPLAINT, no header.
- sendgrid / postmark / mailchimp: one JSON request body per line, of the documented shape,
  within the documented batch size.
- plain: one address per line.
"""
import csv
import io
import json
import sys
from email.utils import parseaddr


def fail(why):
    print(why, file=sys.stderr)
    sys.exit(1)


def mailman(text):
    for line in io.StringIO(text):
        if line.startswith('#') or len(line.strip()) == 0:
            continue
        yield parseaddr(line)[1], '-'


def listmonk(text):
    rows = csv.reader(io.StringIO(text, newline=''))
    header = next(rows, None)
    if header != ['email', 'name', 'attributes']:
        fail('listmonk: header is %r' % (header,))
    for row in rows:
        if len(row) != 3 or not row[1]:
            fail('listmonk: bad row %r' % (row,))
        if not isinstance(json.loads(row[2]), dict):
            fail('listmonk: attributes not an object')
        yield row[0], '-'


def ses(text):
    for row in csv.reader(io.StringIO(text, newline='')):
        if len(row) != 2 or row[1].strip() not in ('BOUNCE', 'COMPLAINT'):
            fail('ses: bad row %r' % (row,))
        yield row[0], row[1].strip()


def json_lines(text, check):
    for line in text.splitlines():
        body = json.loads(line)
        for item in check(body):
            yield item


def sendgrid(body):
    if set(body) != {'recipient_emails'} or not 0 < len(body['recipient_emails']) <= 1000:
        fail('sendgrid: bad body')
    return ((a, '-') for a in body['recipient_emails'])


def postmark(body):
    if set(body) != {'Suppressions'} or not 0 < len(body['Suppressions']) <= 50:
        fail('postmark: bad body')
    return ((s['EmailAddress'], '-') for s in body['Suppressions'])


def mailchimp(body):
    if body.get('update_existing') is not True or not 0 < len(body['members']) <= 500:
        fail('mailchimp: bad body')
    return ((m['email_address'], m['status']) for m in body['members'])


def plain(text):
    for line in text.split('\n')[:-1]:
        yield line, '-'


READERS = {
    'mailman': mailman, 'listmonk': listmonk, 'ses': ses, 'plain': plain,
    'sendgrid': lambda t: json_lines(t, sendgrid),
    'postmark': lambda t: json_lines(t, postmark),
    'mailchimp': lambda t: json_lines(t, mailchimp),
}

if __name__ == '__main__':
    with open(sys.argv[2], encoding='utf-8', newline='') as f:
        content = f.read()
    out = [a + '\t' + d for a, d in READERS[sys.argv[1]](content)]
    sys.stdout.write(''.join(line + '\n' for line in out))
