#!/usr/bin/env python3
# score-redactor.py: scores `sightline-cli redact --detect-jsonl` on a
# labelled corpus (JSON lines {"id", "text", "spans": [{"start", "end",
# "type"}], "negatives": [{"start", "end"}]}, byte offsets, end exclusive).
#
# A gold span counts as found when predicted spans (of any type) cover at
# least 90% of its bytes. Byte precision is the share of predicted bytes
# that fall inside some gold span. A planted negative is touched when any
# predicted byte falls inside it. The type of a found span is not needed
# for it to count; how many found names, places and institutions were also
# given their own type is reported apart ("typed right").
#
# Usage: tools/score-redactor.py [--cli PATH] [--show-misses] CORPUS.jsonl…
# Python 3 standard library only.
import argparse, collections, json, os, subprocess, sys

STRUCTURED = {'NHS_NUMBER', 'NI_NUMBER', 'UPN', 'POSTCODE', 'PHONE', 'EMAIL', 'URL',
              'SOCIAL_HANDLE', 'VEHICLE_REG', 'DATE_OF_BIRTH', 'REFERENCE', 'ADDRESS'}
NAMES = {'PERSON', 'PLACE', 'INSTITUTION'}


def find_cli():
    here = os.path.dirname(os.path.abspath(__file__))
    for build in ('build-redact', 'build-names', 'build', '_build', 'build-bench'):
        p = os.path.join(here, '..', build, 'src', 'cli', 'sightline-cli')
        if os.access(p, os.X_OK):
            return p
    return 'sightline-cli'


def covered(mask, start, end):
    return sum(mask[start:end])


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--cli', default=None)
    ap.add_argument('--show-misses', action='store_true')
    ap.add_argument('corpus', nargs='+')
    args = ap.parse_args()

    docs = []
    for path in args.corpus:
        with open(path, encoding='utf-8') as f:
            docs += [json.loads(l) for l in f if l.strip()]
    inp = ''.join(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n'
                  for d in docs)
    proc = subprocess.run([args.cli or find_cli(), 'redact', '--detect-jsonl'], input=inp.encode(),
                          capture_output=True, check=True)
    preds = {}
    for line in proc.stdout.decode().splitlines():
        o = json.loads(line)
        preds[o['id']] = o['spans']

    found = collections.Counter()
    total = collections.Counter()
    pred_bytes = true_bytes = 0
    negs = negs_touched = 0
    misses, false_pos, touched, mistyped = [], [], [], []
    typed = typed_right = 0
    for d in docs:
        text = d['text'].encode('utf-8')
        pmask = bytearray(len(text))
        gmask = bytearray(len(text))
        for p in preds.get(d['id'], []):
            for i in range(p['start'], min(p['end'], len(text))):
                pmask[i] = 1
        for s in d.get('spans', []):
            for i in range(s['start'], s['end']):
                gmask[i] = 1
        for s in d.get('spans', []):
            n = s['end'] - s['start']
            total[s['type']] += 1
            if n > 0 and covered(pmask, s['start'], s['end']) >= 0.9 * n:
                found[s['type']] += 1
                if s['type'] in NAMES:
                    # the type of the prediction covering most of the span
                    best = max((min(p['end'], s['end']) - max(p['start'], s['start']), p['type'])
                               for p in preds.get(d['id'], [])
                               if p['start'] < s['end'] and p['end'] > s['start'])
                    typed += 1
                    if best[1] == s['type']:
                        typed_right += 1
                    else:
                        mistyped.append((d['id'], s['type'], best[1],
                                         text[s['start']:s['end']].decode(errors='replace')))
            else:
                misses.append((d['id'], s['type'], text[s['start']:s['end']].decode(errors='replace')))
        pred_bytes += sum(pmask)
        true_bytes += sum(1 for i in range(len(text)) if pmask[i] and gmask[i])
        for p in preds.get(d['id'], []):
            if not any(gmask[p['start']:p['end']]):
                false_pos.append((d['id'], p['type'], text[p['start']:p['end']].decode(errors='replace')))
        for ng in d.get('negatives', []):
            negs += 1
            if any(pmask[ng['start']:ng['end']]):
                negs_touched += 1
                touched.append((d['id'], text[ng['start']:ng['end']].decode(errors='replace')))

    def group(types):
        t = sum(total[k] for k in types)
        f = sum(found[k] for k in types)
        return f, t, (f / t if t else 1.0)

    print('documents: %d' % len(docs))
    for name, types, target in (('structured', STRUCTURED, 0.99), ('names/places/institutions', NAMES, 0.97)):
        f, t, r = group(types)
        print('recall %-26s %.4f (%d/%d)  target >= %.2f %s' % (name, r, f, t, target,
                                                               'ok' if r >= target else 'MISSED'))
    for k in sorted(total):
        print('  %-14s %.4f (%d/%d)' % (k, found[k] / total[k], found[k], total[k]))
    prec = true_bytes / pred_bytes if pred_bytes else 1.0
    print('byte precision %.4f (%d/%d)  target >= 0.90 %s' % (prec, true_bytes, pred_bytes,
                                                             'ok' if prec >= 0.90 else 'MISSED'))
    print('names typed right %.4f (%d/%d)' % (typed_right / typed if typed else 1.0, typed_right, typed))
    share = negs_touched / negs if negs else 0.0
    print('negatives touched %.4f (%d/%d)  target <= 0.02 %s' % (share, negs_touched, negs,
                                                                 'ok' if share <= 0.02 else 'MISSED'))
    if args.show_misses:
        for m in misses:
            print('MISS %s %s %r' % m)
        for m in false_pos:
            print('FALSE %s %s %r' % m)
        for m in touched:
            print('TOUCHED %s %r' % m)
        for m in mistyped:
            print('TYPE %s %s as %s %r' % m)


if __name__ == '__main__':
    main()
