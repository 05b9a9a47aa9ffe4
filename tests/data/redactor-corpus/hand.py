#!/usr/bin/env python3
# hand.py: converts hand-written.txt (inline markup) into JSON lines and
# appends them to dev.jsonl / heldout.jsonl. Run after generate.py.
#
# hand.py --set second-set.txt writes second-dev.jsonl and
# second-heldout.jsonl instead (overwriting them): documents "s2-NN" whose
# NN is a multiple of three are the held-out part; those written later
# ("s2-dev-NN") are all for development. hand.py --set third-set.txt writes
# third-heldout.jsonl: every document of the third set ("s3-NN") is held out.
# hand.py --set fourth-set.txt writes fourth-dev.jsonl and fourth-heldout.jsonl,
# split as the second set (documents "s4-NN" whose NN is a multiple of three
# are held out); hand.py --set fifth-set.txt writes fifth-dev.jsonl and
# fifth-heldout.jsonl, split the same way ("s5-NN"), hand.py --set
# sixth-set.txt sixth-dev.jsonl and sixth-heldout.jsonl ("s6-NN"), and
# hand.py --set seventh-set.txt seventh-dev.jsonl and seventh-heldout.jsonl
# ("s7-NN"). hand.py --set eighth-set.txt writes eighth-heldout.jsonl: every
# document of the eighth set ("s8-NN") is held out, as in the third set, and
# hand.py --set ninth-set.txt writes ninth-heldout.jsonl: every document of the
# ninth set ("s9-NN") is held out; so do the tenth ("s10-NN", tenth-set.txt),
# eleventh ("s11-NN", eleventh-set.txt), twelfth ("s12-NN", twelfth-set.txt),
# thirteenth ("s13-NN", thirteenth-set.txt), fourteenth ("s14-NN",
# fourteenth-set.txt), sixteenth ("s16-NN", sixteenth-set.txt),
# seventeenth ("s17-NN", seventeenth-set.txt), twentieth ("s20-NN",
# twentieth-set.txt), twenty-second ("s22-NN", twentysecond-set.txt),
# twenty-third ("s23-NN", twentythird-set.txt), twenty-sixth ("s26-NN",
# twentysixth-set.txt), twenty-seventh ("s27-NN", twentyseventh-set.txt),
# thirty-first, thirty-second, thirty-seventh, thirty-eighth, forty-third
# ("s43-NN") and forty-fourth ("s44-NN") sets.
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {'P': 'PERSON', 'L': 'PLACE', 'I': 'INSTITUTION'}


def convert(body):
    out, spans, negs, pos = [], [], [], 0
    for m in re.finditer(r'\[(P|L|I|N|S):(?:([A-Z_]+):)?([^\]]+)\]|[^\[]+|\[', body):
        if m.group(1):
            val = m.group(3)
            if m.group(1) == 'S':
                # "dob 1 Feb 1993": the label covers only the date, after its keyword
                kw = re.match(r'(?i)(dob |DOB )', val)
                if kw:
                    out.append(kw.group(1))
                    pos += len(kw.group(1).encode())
                    val = val[len(kw.group(1)):]
            b = len(val.encode())
            if m.group(1) == 'N':
                negs.append({'start': pos, 'end': pos + b})
            elif m.group(1) == 'S':
                spans.append({'start': pos, 'end': pos + b, 'type': m.group(2)})
            else:
                spans.append({'start': pos, 'end': pos + b, 'type': KINDS[m.group(1)]})
            out.append(val)
            pos += b
        else:
            out.append(m.group(0))
            pos += len(m.group(0).encode())
    return ''.join(out), spans, negs


def second_set(name):
    text = open(os.path.join(HERE, name), encoding='utf-8').read()
    blocks = re.split(r'^=== (\S+)\n', text, flags=re.M)[1:]
    outs = {'dev': [], 'heldout': []}
    for i in range(0, len(blocks), 2):
        ident, body = blocks[i], blocks[i + 1].strip('\n')
        t, spans, negs = convert(body)
        m = re.fullmatch(r's[24567]-(\d+)', ident)
        split = 'heldout' if (m and int(m.group(1)) % 3 == 0) or ident.startswith(('s3-', 's8-', 's9-', 's10-', 's11-', 's12-', 's13-', 's14-', 's16-', 's17-', 's20-', 's22-', 's23-', 's26-', 's27-', 's31-', 's32-', 's37-', 's38-', 's43-', 's44-')) else 'dev'
        outs[split].append({'id': ident, 'text': t, 'spans': spans, 'negatives': negs})
    stem = os.path.splitext(name)[0].split('-')[0]
    for split, docs in outs.items():
        if not docs:
            continue
        with open(os.path.join(HERE, '%s-%s.jsonl' % (stem, split)), 'w', encoding='utf-8') as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + '\n')


def main():
    if len(sys.argv) == 3 and sys.argv[1] == '--set':
        second_set(sys.argv[2])
        return
    text = open(os.path.join(HERE, 'hand-written.txt'), encoding='utf-8').read()
    blocks = re.split(r'^=== (\S+)\n', text, flags=re.M)[1:]
    outs = {'dev': [], 'heldout': []}
    for i in range(0, len(blocks), 2):
        ident, body = blocks[i], blocks[i + 1].strip('\n')
        t, spans, negs = convert(body)
        split = 'heldout' if ident.startswith('heldout') else 'dev'
        outs[split].append({'id': ident, 'text': t, 'spans': spans, 'negatives': negs})
    for split, docs in outs.items():
        with open(os.path.join(HERE, split + '.jsonl'), 'a', encoding='utf-8') as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
