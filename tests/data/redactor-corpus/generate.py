#!/usr/bin/env python3
# generate.py: writes the synthetic, labelled development corpus for the
# redactor (dev.jsonl) and a held-out part (heldout.jsonl) with its own name
# pools, places, institutions and extra templates, so the held-out figures
# measure generalisation. Every name, number and place pairing is made up.
# Python 3 standard library only. Usage: generate.py [OUTDIR]
import json, os, random, sys

# --- Name pools: disjoint between dev and held-out -------------------------
FIRST = {
    'dev': ['Jade', 'Tariq', 'Chloe', 'Kasia', 'Aisha', 'Liam', 'Megan', 'Ryan', 'Shannon', 'Bilal',
            'Niamh', 'Ffion', 'Zofia', 'Mohammed', 'Kayleigh', 'Dylan', 'Chidi', 'Leanne',
            'Connor', 'Gurpreet', 'Ioana', 'Tyrone', 'Bethany', 'Callum', 'Fatima', 'Zoë',
            'Łukasz', 'Saoirse', 'Darren', 'Yasmin', 'Shabana', 'Wojciech', 'Courtney', 'Jamal'],
    'heldout': ['Kirsty', 'Imran', 'Demi', 'Reece', 'Shauna', 'Amira', 'Lewis', 'Paige', 'Kieran',
                'Oluwaseun', 'Agnieszka', 'Eilidh', 'Rhys', 'Sadia', 'Andreea', 'Jermaine',
                'Siobhán', 'Zainab', 'Kyle', 'Tegan', 'Usman', 'Lacey', 'Mihai', 'Abdirahman',
                'Chantelle', 'Haris', 'Renée', 'Declan'],
}
SUR = {
    'dev': ['Smith', 'Hussain', 'Kowalski', "O'Neill", 'Patel', 'Whitworth', 'Nowak', 'Okafor',
            'Begum', 'Brennan', 'Lloyd', 'Ahmed', 'Murphy', 'Thornton', 'Mensah', 'Clarke',
            'Sandhu', 'Popescu', 'Fitzgerald', 'Smith-Jones', 'MacLeod', 'Wiśniewski',
            'Rahman', 'Hughes', 'Jovanović', 'Dunne'],
    'heldout': ['Kaur', 'Dąbrowski', 'Mahmood', 'Gallagher', 'Osei', 'Khan', 'Pritchard',
                'Wheeler', 'McAllister', 'Ionescu', 'Bibi', 'Greenhalgh', 'Hargreaves', 'Farah',
                'Iqbal', "O'Sullivan", 'Mahoney-Price', 'Nwachukwu', 'Ferreira', 'Kazlauskas',
                'Szymańska', 'Evans'],
}
PARTICLE_SUR = {
    'dev': ['al-Rashid', 'de Souza', 'van der Berg', 'Ní Bhriain', 'bin Hassan'],
    'heldout': ['el-Amin', 'da Silva', 'Mac an tSaoi', 'van Dijk', 'Nic Giolla'],
}
PLACES = {
    'dev': ['Rochdale', 'Oldham', 'Rotherham', 'Telford', 'Keighley', 'Stoke-on-Trent',
            'Milton Keynes', 'Newcastle upon Tyne', 'Derby', 'Halifax', 'Bradford', 'Luton',
            'Peterborough', 'Blackpool', 'Huddersfield', 'Bristol', 'Cardiff', 'Ashton-under-Lyne'],
    'heldout': ['Dewsbury', 'Burnley', 'Middlesbrough', 'Oxford', 'Aylesbury', 'Walsall',
                'Sunderland', 'Wigan', 'Swindon', 'Grimsby', 'Hastings', 'Banbury', 'Accrington',
                'Wolverhampton', 'Kingston upon Hull', 'Glasgow'],
}
COUNCILS = {
    'dev': ['Rochdale Borough Council', 'Kirklees Council', 'Telford and Wrekin Council',
            'Bradford City Council', 'Oldham Council'],
    'heldout': ['Wigan Council', 'Walsall Metropolitan Borough Council', 'Calderdale Council',
                'Sandwell Council'],
}
INST = {
    'dev': ["St Mary's Primary School", "Oakwood Children's Home", 'Star Taxis', 'Parkview Surgery',
            'Greenfield Academy', 'Castle Hotel', 'City Cars', 'Moorside Medical Practice',
            'Hollybank House', 'Ali Baba Takeaway', 'Heywood High School', 'Crown Inn'],
    'heldout': ["Holy Trinity C of E Primary School", "Brookside Children's Home", 'Elite Taxis',
                'Valley Road Surgery', 'Westgate Academy', 'Premier Inn', 'Express Cars',
                'Marsh Lane Medical Centre', 'Highfield Lodge', 'Tasty Chicken',
                'Saint Bede\'s College', 'Pizza Palace'],
}
PUBS = {'dev': ['Royal Oak', 'Red Lion', 'White Hart'], 'heldout': ['Black Bull', 'Wheatsheaf']}
STREETS = {'dev': ['Canal Street', 'Church Lane', 'Hope Road', 'Mill Close', 'Victoria Avenue'],
           'heldout': ['Station Road', 'Park Terrace', 'Queens Drive', 'Albert Street']}

# --- Planted negatives: must stay untouched --------------------------------
NEG = ['Child A', 'Child B', 'YP3', 'YP7', 'Victim 2', 'Suspect 1', 'Ofsted', 'CAMHS',
       "Barnardo's", 'the police', 'CPS', 'NSPCC', 'social services', 'the council',
       'Children Act 1989', 'Sexual Offences Act 2003', 'Table 4', 'paragraph 3.2',
       'section 47', 'offence 17A', 'North West', 'Yorkshire and the Humber', 'West Midlands',
       'South East', 'aged 14', 'March 2011', 'in 2010', 'Ford', 'Vauxhall', 'Toyota',
       'the YOT', 'the MASH', 'CSE', 'Hope', 'Amber', 'May', 'Will', 'Reading', 'Grace',
       'Rose', 'Summer', 'Mark', 'Bill', 'East Midlands', 'Appendix B', 'Monday', 'the LSCB',
       'Victim 4', 'Perpetrator 3', 'Child C', 'CCTV', 'A&E', 'GP']


def nhs(rng):
    while True:
        d = [rng.randrange(10) for _ in range(9)]
        c = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        c = 0 if c == 11 else c
        if c != 10:
            s = ''.join(map(str, d + [c]))
            return rng.choice([s[:3] + ' ' + s[3:6] + ' ' + s[6:], s])


def ni(rng):
    a = rng.choice('ABCEGHJKLMNPRSTWXYZ') + rng.choice('ABCEGHJKLMNPRSTWXYZ')
    if a in ('GB', 'NK', 'KN', 'TN', 'NT', 'ZZ', 'BG'):
        a = 'JK'
    d = ''.join(str(rng.randrange(10)) for _ in range(6))
    return rng.choice([a + d + rng.choice('ABCD'), '%s %s %s %s %s' % (a, d[:2], d[2:4], d[4:], rng.choice('ABCD'))])


def postcode(rng):
    return rng.choice(['M11 2AB', 'OL12 6TN', 'BD3 9QW', 'S60 1PL', 'TF1 5HX', 'LU2 7EJ',
                       'WF13 4RT', 'DN31 2PE', 'B23 6JH', 'NE4 8LU', 'ol16 1aa', 'M4 5BD'])


def phone(rng):
    n = ''.join(str(rng.randrange(10)) for _ in range(6))
    return rng.choice(['07700 ' + n, '07700' + n, '+44 7700 ' + n, '0161 496 ' + n[:4],
                       '(0113) 496 ' + n[:4], '+44 (0)7700 ' + n, '01632 ' + n])


def email(rng, first, sur):
    sur = ''.join(ch for ch in sur.lower() if ch.isascii() and ch.isalpha())
    f = ''.join(ch for ch in first.lower() if ch.isascii() and ch.isalpha())
    return rng.choice(['%s.%s@example.com' % (f, sur), '%s%d@example.org' % (f, rng.randrange(99)),
                       'xx_%s_xx@example.co.uk' % f])


def dob(rng):
    d, m, y = rng.randrange(1, 28), rng.randrange(1, 13), rng.randrange(1996, 2008)
    return rng.choice(['%02d/%02d/%d' % (d, m, y), '%d.%d.%02d' % (d, m, y % 100),
                       '%d %s %d' % (d, ['January', 'March', 'June', 'October', 'December'][m % 5], y)])


def ref(rng):
    return rng.choice(['%02d/%05d/%02d' % (rng.randrange(1, 30), rng.randrange(99999), rng.randrange(10, 21)),
                       'MC%07d' % rng.randrange(10 ** 7), '%d-%06d' % (rng.randrange(2010, 2021), rng.randrange(10 ** 6))])


def reg(rng):
    L = 'ABCDEFGHJKLMNPRSTVWXY'
    return '%s%s%02d %s' % (rng.choice(L), rng.choice(L), rng.choice([11, 12, 14, 61, 62, 63]),
                            ''.join(rng.choice(L) for _ in range(3)))


class Doc:
    def __init__(self):
        self.parts = []
        self.spans = []
        self.negs = []
        self.len = 0

    def add(self, s, kind=None):
        b = s.encode()
        if kind == 'NEG':
            self.negs.append({'start': self.len, 'end': self.len + len(b)})
        elif kind:
            self.spans.append({'start': self.len, 'end': self.len + len(b), 'type': kind})
        self.parts.append(s)
        self.len += len(b)

    def text(self):
        return ''.join(self.parts)


class World:
    """Draws the people, places and institutions of one document."""

    def __init__(self, rng, split):
        self.rng, self.split = rng, split
        pools = FIRST[split][:]
        rng.shuffle(pools)
        self.people = []
        for f in pools[:4]:
            s = rng.choice(SUR[split] + (PARTICLE_SUR[split] if rng.random() < 0.2 else []))
            self.people.append((f, s))
        self.place = rng.choice(PLACES[split])
        self.place2 = rng.choice(PLACES[split])
        self.inst = rng.choice(INST[split])
        self.inst2 = rng.choice(INST[split])

    def person(self, k=0, form=None):
        f, s = self.people[k % len(self.people)]
        rng = self.rng
        form = form or rng.choice(['full', 'full', 'first', 'first', 'title', 'caps', 'initial',
                                   'lower', 'first'])
        title = rng.choice(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'DC', 'PC', 'Sgt', 'Mr.'])
        return {'full': f + ' ' + s, 'first': f, 'title': title + ' ' + s,
                'caps': (f + ' ' + s).upper(), 'initial': f[0] + '. ' + s,
                'lower': (f + ' ' + s).lower(), 'surname': s}[form]


def sentence_bank(split):
    # Each template: a list of pieces; ('P', k, form) person, ('PL',) place,
    # ('I',) institution, ('N', text) planted negative, ('S', kind) structured.
    T = [
        "{P0} said that {P1} had picked her up from outside {I} in a {N:Vauxhall}.",
        "{N:Child A} told staff at {I} that a man called {P1:first} gave her cannabis.",
        "Met with {P2:title} and the CSE lead from {N:CAMHS} on {N:Monday}.",
        "{P0:first} ({N:aged 14}) went missing from {I} and was found in {PL}.",
        "Her mum, {P3:full}, rang {S:PHONE} at 02:10.",
        "The panel heard that {P1:full} was known to {N:the police} in {PL}.",
        "{P0:first}'s phone contained messages from {P1:first} and {P2:first}.",
        "{N:Ofsted} rated {I} as requires improvement in {N:March 2011}.",
        "Strategy meeting held at {CO}; {N:social services} and {N:CPS} attended.",
        "DOB {S:DATE_OF_BIRTH}, NHS no {S:NHS_NUMBER}, NI {S:NI_NUMBER}.",
        "Address: {S:ADDRESS}, {PL} {S:POSTCODE}.",
        "Snapchat {S:SOCIAL_HANDLE} was used to contact {P0:first}.",
        "A car, reg {S:VEHICLE_REG}, a silver {N:Toyota}, was seen outside {I}.",
        "Crime ref {S:REFERENCE} relates to the assault on {N:Victim 2}.",
        "{P1:caps} was arrested; {N:Suspect 1} remains under investigation.",
        "Under {N:section 47} of the {N:Children Act 1989} a strategy discussion was held.",
        "Figures for the {N:North West} are in {N:Table 4}; see {N:paragraph 3.2}.",
        "E-mail from {S:EMAIL} forwarded to the secretariat.",
        "{P2:title} from {I} confirmed that {P0:first} attended until {N:May}.",
        "Taxi drivers from {I} were seen dropping girls at the {PUB}.",
        "{P3:first} and {P1:first} were taken to a flat above a shop in {PL}.",
        "{N:Will} the panel revisit {PL} in the spring?",
        "{N:Reading} the file, it was clear that {P0:first} had been groomed since {N:2010}.",
        "{N:Hope} was expressed that {N:the council} would fund a specialist worker.",
        "Risk was rated {N:Amber} by the {N:the MASH}.",
        "Her uncle {P1:first} collected her from {PL} most weekends.",
        "{P0:lower} was seen again near {I} last week.",
        "{P2:initial} (foster carer) reported that {P0:first} came home at 3am.",
        "Police recovered {P0:first}'s clothes from a house in {PL}.",
        "{N:NSPCC} and {N:Barnardo's} workers described {P1:surname} as controlling.",
        "Concerns were raised by {P2:full}, the designated safeguarding lead at {I}.",
        "The {N:YP3} file mentions {P3:full} and a man known only as {P1:first}.",
        "She met {P1:first} through a friend, {P2:first}, at {I}.",
        "Mobile {S:PHONE}; alt contact {S:EMAIL}.",
        "Visit to {CO} with officers from {N:the YOT}.",
        "{P1:full}, {P2:full} and {P3:full} were charged under the {N:Sexual Offences Act 2003}.",
        "No further action was taken against {P1:title} at that time.",
        "{N:Grace} period of two weeks given for the return of the indicator data.",
        "Dad ({P3:first}) drives a {N:Ford} and works in {PL}.",
        "In {PL2}, girls were taken to {I2} and then to houses in {PL}.",
    ]
    if split == 'heldout':
        T += [
            "According to {P2:title}, {P0:first} had been staying with {P1:full} at {I}.",
            "{N:Victim 4} named {P1:full} and {P3:first} as the men who drove her to {PL}.",
            "Written up by {P2:initial} on behalf of {N:the LSCB}.",
            "{P0:first} now lives with her nan in {PL2} and attends {I}.",
            "Referral from {I} (contact {P2:full}, {S:PHONE}).",
            "{N:Rose}, {N:Summer} and {N:Bill} are not names here: they are words.",
            "The group met at {I2}, a takeaway near the bus station in {PL}.",
            "Officers linked {P1:surname} to {N:Perpetrator 3} via {N:CCTV}.",
        ]
    return T


def render(doc, w, template):
    rng = w.rng
    i = 0
    while i < len(template):
        j = template.find('{', i)
        if j < 0:
            doc.add(template[i:])
            break
        doc.add(template[i:j])
        k = template.index('}', j)
        slot = template[j + 1:k]
        if slot.startswith('N:'):
            doc.add(slot[2:], 'NEG')
        elif slot.startswith('S:'):
            kind = slot[2:]
            f, s = w.people[0]
            val = {'PHONE': lambda: phone(rng), 'EMAIL': lambda: email(rng, f, s),
                   'DATE_OF_BIRTH': lambda: dob(rng), 'NHS_NUMBER': lambda: nhs(rng),
                   'NI_NUMBER': lambda: ni(rng), 'POSTCODE': lambda: postcode(rng),
                   'SOCIAL_HANDLE': lambda: '@' + ''.join(c for c in f.lower() if c.isascii()) + '_' + str(rng.randrange(100)),
                   'VEHICLE_REG': lambda: reg(rng), 'REFERENCE': lambda: ref(rng),
                   'ADDRESS': lambda: '%d %s' % (rng.randrange(2, 200), rng.choice(STREETS[w.split]))}[kind]()
            doc.add(val, kind)
        elif slot.startswith('P') and slot[1:2].isdigit():
            num = int(slot[1])
            form = slot[3:] if ':' in slot else None
            name = w.person(num, form)
            doc.add(name, 'PERSON')
        elif slot == 'PL':
            doc.add(w.place, 'PLACE')
        elif slot == 'PL2':
            doc.add(w.place2, 'PLACE')
        elif slot == 'CO':
            doc.add(rng.choice(COUNCILS[w.split]), 'PLACE')
        elif slot == 'I':
            doc.add(w.inst, 'INSTITUTION')
        elif slot == 'I2':
            doc.add(w.inst2, 'INSTITUTION')
        elif slot == 'PUB':
            doc.add(rng.choice(PUBS[w.split]), 'INSTITUTION')
        i = k + 1


def header(doc, w):
    rng = w.rng
    style = rng.choice(['kv', 'minutes', 'none', 'none', 'email'])
    if style == 'kv':
        doc.add('Name: ')
        render(doc, w, '{P0:full}')
        doc.add('\nDOB: ')
        render(doc, w, '{S:DATE_OF_BIRTH}')
        doc.add('\nSchool: ')
        render(doc, w, '{I}')
        doc.add('\nLocal area: ')
        render(doc, w, '{PL}')
        doc.add('\nRegion: ')
        doc.add(rng.choice(['North West', 'Yorkshire and the Humber', 'West Midlands']), 'NEG')
        doc.add('\n\n')
    elif style == 'minutes':
        doc.add('Site visit minutes, ')
        render(doc, w, '{CO}')
        doc.add('\nPresent: ')
        render(doc, w, '{P2:title}, {P3:full} (panel), {P1:initial}')
        doc.add('\nApologies: none\n\n')
    elif style == 'email':
        doc.add('From: ')
        render(doc, w, '{P2:full} <{S:EMAIL}>')
        doc.add('\nRe: ')
        render(doc, w, '{N:Child A} / {P0:first}')
        doc.add('\n\n')


def make_doc(rng, split, idx, bank):
    w = World(rng, split)
    doc = Doc()
    header(doc, w)
    layout = rng.choice(['prose', 'numbered', 'bullets', 'prose', 'terse'])
    picks = rng.sample(bank, rng.randrange(3, 8))
    for n, t in enumerate(picks):
        if layout == 'numbered':
            doc.add('%d. ' % (n + 1))
        elif layout == 'bullets':
            doc.add(rng.choice(['- ', '* ', '• ']))
        if layout == 'terse':
            t = t.replace(' that ', ' ').replace('The panel heard', 'Heard').rstrip('.')
        render(doc, w, t)
        doc.add('\n' if layout in ('numbered', 'bullets', 'terse') else ' ')
    return {'id': '%s-%03d' % (split, idx), 'text': doc.text(), 'spans': doc.spans,
            'negatives': doc.negs}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for split, count, seed in (('dev', 120, 6), ('heldout', 60, 1989)):
        rng = random.Random(seed)
        bank = sentence_bank(split)
        with open(os.path.join(out, split + '.jsonl'), 'w', encoding='utf-8') as f:
            for i in range(count):
                f.write(json.dumps(make_doc(rng, split, i, bank), ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
