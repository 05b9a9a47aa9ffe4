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
# With --classes, it also counts the names, places and institutions found
# and missed by the way they are written (case, words, cue word, title,
# what stands before them, which word lists hold their first and last
# words, and for a miss how much of it was found and as what), without
# printing any of them: a held-out set
# can say which kinds of writing the detector misses without showing a
# line of its text.
#
# Usage: tools/score-redactor.py [--cli PATH] [--show-misses] [--classes] CORPUS.jsonl…
# Python 3 standard library only.
import argparse, collections, json, os, re, subprocess, sys

TITLES = {'mr', 'mrs', 'ms', 'miss', 'dr', 'dc', 'pc', 'ds', 'di', 'dci', 'sgt', 'insp', 'cllr',
          'prof', 'professor', 'supt', 'pcso', 'rev', 'revd', 'sister', 'father', 'imam', 'bhai',
          'nana', 'uncle', 'auntie', 'aunty', 'nan'}
PREPS = {'at', 'in', 'from', 'to', 'near', 'outside', 'behind', 'opposite', 'into', 'above',
         'over', 'by', 'with', 'of', 'on', 'via'}


def cue_words():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', 'data', 'gazetteers', 'institution-cues.txt')
    try:
        with open(path, encoding='utf-8') as f:
            return {w for line in f.read().split('\n')[1:] for w in line.split() if w}
    except OSError:
        return set()


LISTS = (('first', 'first-names.txt'), ('surname', 'surnames.txt'), ('place', 'places.txt'),
         ('cue', 'institution-cues.txt'), ('stop', 'stopwords.txt'), ('word', 'english-words.txt'))
_lists = {}


def word_lists(word):
    """Which gazetteers hold a word: the first of first name, surname,
    place, cue word, stop word or English word, or 'none'."""
    if not _lists:
        here = os.path.dirname(os.path.abspath(__file__))
        for name, fn in LISTS:
            try:
                with open(os.path.join(here, '..', 'data', 'gazetteers', fn), encoding='utf-8') as f:
                    _lists[name] = {l.strip() for l in f.read().split('\n')[1:] if l.strip()}
            except OSError:
                _lists[name] = set()
    w = word.lower().strip(".,;:'\u2019()\"")
    if w.endswith(("'s", "\u2019s")):
        w = w[:-2]
    return [name for name, _ in LISTS if w in _lists[name]] or ['none']


def span_class(kind, text, start, end, cues):
    """The way a name is written, as a tuple of short words."""
    word = text[start:end].decode(errors='replace')
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    ls = text.rfind(b'\n', 0, start) + 1
    le = text.find(b'\n', end)
    line = text[ls:le if le >= 0 else len(text)].decode(errors='replace')
    line_letters = [c for c in line if c.isalpha()]
    caps_line = bool(line_letters) and sum(c.isupper() for c in line_letters) >= 0.9 * len(line_letters)
    if letters and upper == 0:
        shape = 'lower'
    elif ' ' not in word and len(letters) <= 5 and upper >= 2 and upper >= len(letters) - 3:
        shape = 'initials'
    elif letters and upper == len(letters):
        shape = 'capitals'
    else:
        shape = 'capitalised'
    words = 'one word' if len(word.split()) == 1 else 'words'
    before = text[max(ls, start - 30):start].decode(errors='replace')
    prev = re.findall(r"[\w']+", before)
    if start == ls or not before.strip(' -*•0123456789.)\t'):
        where = 'heads a line'
    elif before.endswith(('"', '\u201c', "'")):
        where = 'in quotes'
    elif before.rstrip().endswith('('):
        where = 'in brackets'
    elif prev and prev[-1].lower() in PREPS:
        where = 'after ' + prev[-1].lower()
    elif prev and prev[-1].lower() == 'the':
        where = 'after the'
    else:
        where = 'elsewhere'
    parts = [kind, shape, words, where] + (['line in capitals'] if caps_line and shape != 'lower' else [])
    if kind == 'INSTITUTION':
        after = re.findall(r"[\w']+", text[end:end + 30].decode(errors='replace'))
        if any(w.lower() in cues for w in word.split()):
            parts.append('cue inside')
        elif after and after[0].lower() in cues:
            parts.append('cue after')
        else:
            parts.append('no cue')
    if len(word.split()) == 1:
        parts.append('one word in ' + '+'.join(word_lists(word)))
    else:
        parts.append('first word in ' + word_lists(word.split()[0])[0])
        parts.append('last word in ' + word_lists(word.split()[-1])[0])
    if kind == 'PERSON' and word.split() and word.split()[0].lower().rstrip('.') in TITLES:
        parts.append('title')
    return tuple(parts)

STRUCTURED = {'NHS_NUMBER', 'NI_NUMBER', 'UPN', 'POSTCODE', 'PHONE', 'EMAIL', 'URL',
              'SOCIAL_HANDLE', 'VEHICLE_REG', 'DATE_OF_BIRTH', 'REFERENCE', 'ADDRESS'}
NAMES = {'PERSON', 'PLACE', 'INSTITUTION'}


def coverage_class(s, pmask, preds):
    """How much of a name the predictions cover, and, when part of it,
    as what: a miss that is part found differs from one not touched."""
    n = s['end'] - s['start']
    c = covered(pmask, s['start'], s['end'])
    if n and c >= 0.9 * n:
        return 'covered'
    if c == 0:
        return 'not touched'
    kinds = sorted({p['type'] for p in preds if p['start'] < s['end'] and p['end'] > s['start']})
    return ('half covered as ' if c >= 0.5 * n else 'less than half as ') + '+'.join(kinds)


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
    ap.add_argument('--classes', action='store_true',
                    help='count names found and missed by how they are written, no text shown')
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
    cues = cue_words() if args.classes else set()
    classes = collections.defaultdict(lambda: [0, 0])
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
            hit = n > 0 and covered(pmask, s['start'], s['end']) >= 0.9 * n
            if args.classes and s['type'] in NAMES:
                parts = span_class(s['type'], text, s['start'], s['end'], cues)[1:]
                parts += (coverage_class(s, pmask, preds.get(d['id'], [])),)
                for part in parts:
                    classes[(s['type'], part)][0] += hit
                    classes[(s['type'], part)][1] += 1
            if hit:
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
    if args.classes:
        print('by how names are written (found/total, missed):')
        for (kind, part), (f, t) in sorted(classes.items(), key=lambda kv: (kv[0][0], -(kv[1][1] - kv[1][0]), kv[0][1])):
            print('  %-12s %-22s %4d/%-4d %.3f  missed %d' % (kind, part, f, t, f / t, t - f))
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
