/* test-redactor.c
 *
 * Copyright 2026 The Sightline authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sl-redactor.h"

typedef struct
{
  const char *text;
  const char *type;     /* expected type, or NULL for "nothing found" */
  const char *found;    /* the exact bytes expected in the span */
} Case;

/* Each positive case must yield exactly one span, of that type and bytes. */
static const Case positives[] = {
  /* NHS numbers (modulus 11) */
  { "NHS no 943 476 5919 on file", SL_SPAN_NHS_NUMBER, "943 476 5919" },
  { "NHS: 943-476-5919.", SL_SPAN_NHS_NUMBER, "943-476-5919" },
  { "nhs 9434765919", SL_SPAN_NHS_NUMBER, "9434765919" },
  { "NHS 401 023 2137", SL_SPAN_NHS_NUMBER, "401 023 2137" },
  /* NI numbers */
  { "NI AB123456C held", SL_SPAN_NI_NUMBER, "AB123456C" },
  { "NINO: AB 12 34 56 C", SL_SPAN_NI_NUMBER, "AB 12 34 56 C" },
  { "ni ce123456a", SL_SPAN_NI_NUMBER, "ce123456a" },
  /* UPNs */
  { "UPN H801200001001", SL_SPAN_UPN, "H801200001001" },
  { "pupil W938611200003 at school", SL_SPAN_UPN, "W938611200003" },
  /* Postcodes */
  { "lives at M1 1AE now", SL_SPAN_POSTCODE, "M1 1AE" },
  { "pc m11ae", SL_SPAN_POSTCODE, "m11ae" },
  { "SW1A 1AA", SL_SPAN_POSTCODE, "SW1A 1AA" },
  { "moved to B33 8TH.", SL_SPAN_POSTCODE, "B33 8TH" },
  { "CR2 6XH", SL_SPAN_POSTCODE, "CR2 6XH" },
  { "(DN55 1PT)", SL_SPAN_POSTCODE, "DN55 1PT" },
  { "W1A 0AX", SL_SPAN_POSTCODE, "W1A 0AX" },
  { "EC1A 1BB", SL_SPAN_POSTCODE, "EC1A 1BB" },
  { "ec1a1bb", SL_SPAN_POSTCODE, "ec1a1bb" },
  /* Phones */
  { "call 07700 900123 today", SL_SPAN_PHONE, "07700 900123" },
  { "call 07700 900123/", SL_SPAN_PHONE, "07700 900123" },
  { "mob 07700900123", SL_SPAN_PHONE, "07700900123" },
  { "mob +44 7700 900123", SL_SPAN_PHONE, "+44 7700 900123" },
  { "mob +44 (0)7700 900123.", SL_SPAN_PHONE, "+44 (0)7700 900123" },
  { "tel 0161 496 0000", SL_SPAN_PHONE, "0161 496 0000" },
  { "tel (0161) 496 0000", SL_SPAN_PHONE, "(0161) 496 0000" },
  { "tel 020 7946 0000", SL_SPAN_PHONE, "020 7946 0000" },
  { "tel 0114-496-0000", SL_SPAN_PHONE, "0114-496-0000" },
  { "tel +447700900123", SL_SPAN_PHONE, "+447700900123" },
  { "freephone 0800 123 4567", SL_SPAN_PHONE, "0800 123 4567" },
  { "tel 01632 960123", SL_SPAN_PHONE, "01632 960123" },
  { "mob 07700-900-123", SL_SPAN_PHONE, "07700-900-123" },
  /* E-mail, URLs, handles */
  { "mail jo.bloggs+x@example.co.uk.", SL_SPAN_EMAIL, "jo.bloggs+x@example.co.uk" },
  { "see https://example.com/u/123?x=1.", SL_SPAN_URL, "https://example.com/u/123?x=1" },
  { "(www.example.org/profile)", SL_SPAN_URL, "www.example.org/profile" },
  { "Snapchat @kid_2011 messaged", SL_SPAN_SOCIAL_HANDLE, "@kid_2011" },
  { "insta: @jo.bloggs.", SL_SPAN_SOCIAL_HANDLE, "@jo.bloggs" },
  /* Vehicle registrations */
  { "a car AB12 CDE seen", SL_SPAN_VEHICLE_REG, "AB12 CDE" },
  { "reg YX68FHK", SL_SPAN_VEHICLE_REG, "YX68FHK" },
  { "a car HF16-GXS seen", SL_SPAN_VEHICLE_REG, "HF16-GXS" },
  { "partial plate YE22 K?? seen", SL_SPAN_VEHICLE_REG, "YE22 K??" },
  { "white van reg YT70 BX? seen", SL_SPAN_VEHICLE_REG, "YT70 BX?" },
  { "a grey car, AXZ 1234, seen", SL_SPAN_VEHICLE_REG, "AXZ 1234" },
  /* Dates of birth */
  { "DOB 14/05/2002", SL_SPAN_DATE_OF_BIRTH, "14/05/2002" },
  { "DoB 2009/03/01", SL_SPAN_DATE_OF_BIRTH, "2009/03/01" },
  { "DOB 2009.03.01.", SL_SPAN_DATE_OF_BIRTH, "2009.03.01" },
  { "at Flat 2/1, 14 Byres Road", SL_SPAN_ADDRESS, "Flat 2/1, 14 Byres Road" },
  { "an address, Flat B, 17 Church Road, where", SL_SPAN_ADDRESS, "Flat B, 17 Church Road" },
  { "approved address Room 3, 27 Stoney Stanton Road.", SL_SPAN_ADDRESS,
    "Room 3, 27 Stoney Stanton Road" },
  { "her flat at 18 Spon End.", SL_SPAN_ADDRESS, "18 Spon End" },
  { "at 14A Queen\xe2\x80\x99s Road now", SL_SPAN_ADDRESS, "14A Queen\xe2\x80\x99s Road" },
  { "at 23\xe2\x80\x93" "25 Station Road now", SL_SPAN_ADDRESS, "23\xe2\x80\x93" "25 Station Road" },
  { "stayed at 2 Cnoc an t-S\xc3\xacthein now", SL_SPAN_ADDRESS, "2 Cnoc an t-S\xc3\xacthein" },
  { "stayed at 6 Chy-an-Dour now", SL_SPAN_ADDRESS, "6 Chy-an-Dour" },
  { "stayed at 3 Bryn Glas now", SL_SPAN_ADDRESS, "3 Bryn Glas" },
  { "the police reference is 2500271836.", SL_SPAN_REFERENCE, "2500271836" },
  { "The proprietor is known. Company 13004412. Test", SL_SPAN_REFERENCE, "13004412" },
  { "The company's number is 11267390.", SL_SPAN_REFERENCE, "11267390" },
  { "a company limited by guarantee (no. 11302958).", SL_SPAN_REFERENCE, "11302958" },
  { "registered in England and Wales, no. 08844217", SL_SPAN_REFERENCE, "08844217" },
  { "Care service number: CS2011293540", SL_SPAN_REFERENCE, "CS2011293540" },
  { "Social Work England register no. SW44718;", SL_SPAN_REFERENCE, "SW44718" },
  { "Child: as above   SWIFT ID 1844021", SL_SPAN_REFERENCE, "1844021" },
  { "to ask the PSNI for the outcome of CC2025081100542.", SL_SPAN_REFERENCE, "CC2025081100542" },
  { "Solicitor's file: MR/FAM/8831", SL_SPAN_REFERENCE, "MR/FAM/8831" },
  { "ARRANGES VIA SNAPCHAT USING \"kerensa.kernow\". FEMALES ARE TAKEN", SL_SPAN_SOCIAL_HANDLE,
    "kerensa.kernow" },
  { "THE GIRLS ON SNAPCHAT (elona.x.bd) AND TELLS THEM", SL_SPAN_SOCIAL_HANDLE, "elona.x.bd" },
  { "ganwyd 3 Mawrth 2010, lives here", SL_SPAN_DATE_OF_BIRTH, "3 Mawrth 2010" },
  { "D.O.B: 14.05.02", SL_SPAN_DATE_OF_BIRTH, "14.05.02" },
  { "date of birth 14-5-2002", SL_SPAN_DATE_OF_BIRTH, "14-5-2002" },
  { "she was born on the 14th May 2002", SL_SPAN_DATE_OF_BIRTH, "14th May 2002" },
  { "born May 14 2002", SL_SPAN_DATE_OF_BIRTH, "May 14 2002" },
  { "Child A (b. 2002-05-14)", SL_SPAN_DATE_OF_BIRTH, "2002-05-14" },
  { "dob 2003-02-01", SL_SPAN_DATE_OF_BIRTH, "2003-02-01" },
  { "Date of Birth: 3rd of January, 2009", SL_SPAN_DATE_OF_BIRTH, "3rd of January, 2009" },
  /* References */
  { "Crime ref 12/34567/20 raised", SL_SPAN_REFERENCE, "12/34567/20" },
  { "CRN: 01AB1234519", SL_SPAN_REFERENCE, "01AB1234519" },
  { "case no. 2019-004512", SL_SPAN_REFERENCE, "2019-004512" },
  { "LCS ID 1234567", SL_SPAN_REFERENCE, "1234567" },
  { "Mosaic 7654321", SL_SPAN_REFERENCE, "7654321" },
  { "URN 44AA0012345", SL_SPAN_REFERENCE, "44AA0012345" },
  { "court ref: T20190123", SL_SPAN_REFERENCE, "T20190123" },
  /* an address without http or www, known by its domain and a slash */
  { "Instagram: instagram.com/joshp_kernow.", SL_SPAN_URL, "instagram.com/joshp_kernow" },
  { "on facebook.co.uk/ciaran.mac", SL_SPAN_URL, "facebook.co.uk/ciaran.mac" },
  /* an account without its @: after an app's name, or with an underscore */
  { "his snap: kaz_w0jcik", SL_SPAN_SOCIAL_HANDLE, "kaz_w0jcik" },
  { "insta lil.mo.x", SL_SPAN_SOCIAL_HANDLE, "lil.mo.x" },
  { "Snapchat name is jayb2009", SL_SPAN_SOCIAL_HANDLE, "jayb2009" },
  { "he is using the name ryanm_07 now", SL_SPAN_SOCIAL_HANDLE, "ryanm_07" },
  /* streets with no suffix word: "-gate", Welsh street words first */
  { "a flat above the shop at 56 Kirkgate.", SL_SPAN_ADDRESS, "56 Kirkgate" },
  { "lives at 12 Heol y Nant now", SL_SPAN_ADDRESS, "12 Heol y Nant" },
  { "3 Ffordd Las, near the school", SL_SPAN_ADDRESS, "3 Ffordd Las" },
  { "flat at 4 Castle Wynd", SL_SPAN_ADDRESS, "4 Castle Wynd" },
  { "call 07700.900.461 now", SL_SPAN_PHONE, "07700.900.461" },
  { "born 01-Feb-2009", SL_SPAN_DATE_OF_BIRTH, "01-Feb-2009" },
  /* dialled from abroad */
  { "or 0044 7700 900461 from Spain", SL_SPAN_PHONE, "0044 7700 900461" },
  { "FOUND AT 14 SCHOLES LANE LAST NIGHT", SL_SPAN_ADDRESS, "14 SCHOLES LANE" },
  /* a month's name and a year of two digits */
  { "dob 14 feb 08", SL_SPAN_DATE_OF_BIRTH, "14 feb 08" },
  /* a reference without its keyword: three groups, six digits, not a date */
  { "crime 12/34567/20", SL_SPAN_REFERENCE, "12/34567/20" },
  { "passed to police, CL/2023/004712 per the call handler", SL_SPAN_REFERENCE,
    "CL/2023/004712" },
  { "log PS-230914-1187.", SL_SPAN_REFERENCE, "PS-230914-1187" },
  { "Ref BW/5521/23 raised", SL_SPAN_REFERENCE, "BW/5521/23" },
  { "Ref LCS 0048817", SL_SPAN_REFERENCE, "0048817" },
  { "incident no. 4471 of the night", SL_SPAN_REFERENCE, "4471" },
  { "Niche ref: 220004567", SL_SPAN_REFERENCE, "220004567" },
  /* Addresses */
  { "taken to 12 Canal Street that night", SL_SPAN_ADDRESS, "12 Canal Street" },
  { "Flat 3, 45 Hope Road", SL_SPAN_ADDRESS, "Flat 3, 45 Hope Road" },
  { "at 14a Church Lane", SL_SPAN_ADDRESS, "14a Church Lane" },
  { "7 Old Mill Rd", SL_SPAN_ADDRESS, "7 Old Mill Rd" },
  /* lower case streets, flats in a named block */
  { "lives at 32 wharncliffe road now", SL_SPAN_ADDRESS, "32 wharncliffe road" },
  { "Flat 12, Parkside Court", SL_SPAN_ADDRESS, "Flat 12, Parkside Court" },
  /* court case numbers without a keyword; more keywords; a log and its day */
  { "T20247031  R v", SL_SPAN_REFERENCE, "T20247031" },
  { "BD24C00417 Re A (children)", SL_SPAN_REFERENCE, "BD24C00417" },
  { "Contact ID: CON-0088143", SL_SPAN_REFERENCE, "CON-0088143" },
  { "missing, log 0712 160524.", SL_SPAN_REFERENCE, "0712 160524" },
  /* a flat in a named block and its street; streets named "Bank", "Chase";
   * a crime report's number */
  { "stays at Flat 6, Carlton House, Birchills St with", SL_SPAN_ADDRESS,
    "Flat 6, Carlton House, Birchills St" },
  { "She lives at 7 Hylton Bank now", SL_SPAN_ADDRESS, "7 Hylton Bank" },
  { "moved to 21 Badgers Chase", SL_SPAN_ADDRESS, "21 Badgers Chase" },
  { "seen at 23:10. Crime report LE25/0093361. MASH", SL_SPAN_REFERENCE, "LE25/0093361" },
  { "Incident no 0441 of the day", SL_SPAN_REFERENCE, "0441" },
  /* a date after a name and a colon, under a heading of dates of birth */
  { "Dates of birth\n- Child B: 3rd Feb 2011", SL_SPAN_DATE_OF_BIRTH, "3rd Feb 2011" },
  { "Dates of birth\n- Child A: 14.7.2010", SL_SPAN_DATE_OF_BIRTH, "14.7.2010" },
  /* Glasgow's and Edinburgh's flats, a street with a point of the
   * compass, a street in lower case named "park", a range of numbers */
  { "a flat at 2/1, 17 Strathmartine Road now", SL_SPAN_ADDRESS, "2/1, 17 Strathmartine Road" },
  { "she lives at 3F2, 47 Easter Road now", SL_SPAN_ADDRESS, "3F2, 47 Easter Road" },
  { "lived at 21 Restalrig Road South with", SL_SPAN_ADDRESS, "21 Restalrig Road South" },
  { "nan lives at 52 glenbryn park now", SL_SPAN_ADDRESS, "52 glenbryn park" },
  { "the shop at 212-214 Coventry Road now", SL_SPAN_ADDRESS, "212-214 Coventry Road" },
  /* a force's letters, a number and the day; a council's letters; a crime
   * reference of three groups that is no date; the CPS's URN; a body's
   * letters joined to a number */
  { "Reported to PSNI, ref CW 1402 26/10/25. On-call", SL_SPAN_REFERENCE, "CW 1402 26/10/25" },
  { "she rang 101, log no. 1140 of 23/10.", SL_SPAN_REFERENCE, "1140 of 23/10" },
  { "Social care ID: HCC 448120", SL_SPAN_REFERENCE, "HCC 448120" },
  { "with another girl. Crime ref 36/4417/24.", SL_SPAN_REFERENCE, "36/4417/24" },
  { "- the CPS URN is 10HN0439125.", SL_SPAN_REFERENCE, "10HN0439125" },
  { "a letter from her (CFE-0412) came", SL_SPAN_REFERENCE, "CFE-0412" },
  /* a body's capitals and a number of three digits or more, without a
   * keyword */
  { "please quote LIC/TX/0456 and we", SL_SPAN_REFERENCE, "LIC/TX/0456" },
  { "Inquiry request IQ-SCO-0044: children", SL_SPAN_REFERENCE, "IQ-SCO-0044" },
  { "| S21/007 | chased |", SL_SPAN_REFERENCE, "S21/007" },
  /* a hospital's, a survey's, an employer's, a regulator's number; after
   * words between the keyword and "was"; logged as */
  { "Please quote her MRN, M4471902, rather", SL_SPAN_REFERENCE, "M4471902" },
  { "Respondent ID:   11893456720\n", SL_SPAN_REFERENCE, "11893456720" },
  { "Payroll no. P-118204   Date", SL_SPAN_REFERENCE, "P-118204" },
  { "Safeguarding Lead GP, GMC 7044189", SL_SPAN_REFERENCE, "7044189" },
  { "The crime reference at the time was 13070023916. Mr", SL_SPAN_REFERENCE, "13070023916" },
  { "which we have logged under SUB 0398. The", SL_SPAN_REFERENCE, "SUB 0398" },
  /* a small provider's registration, which names it; a children's home's
   * Ofsted number */
  { "Registered charity no. 1102846\n", SL_SPAN_REFERENCE, "1102846" },
  { "Registered in England No. 07755312 ", SL_SPAN_REFERENCE, "07755312" },
  { "Ofsted URNs: The Cedars SC482913 ", SL_SPAN_REFERENCE, "SC482913" },
  /* legal papers' references: a statement's form, an exhibit's mark and
   * the same initials again, a document's kind and number, an inquiry's
   * number, a company's number after its name, a Crown Court's case */
  { "the statement of her friend (MG11/LW/1), and", SL_SPAN_REFERENCE, "MG11/LW/1" },
  { "which I produced as exhibit KLM/3. My", SL_SPAN_REFERENCE, "KLM/3" },
  { "the serious case review SCR 2012/04, which", SL_SPAN_REFERENCE, "SCR 2012/04" },
  { "his pocket notebook (PNB 77104). I have", SL_SPAN_REFERENCE, "PNB 77104" },
  { "Nominal on PNC, PNCID 11/4471902K. Arrested", SL_SPAN_REFERENCE, "PNCID 11/4471902K" },
  { "the statement of the officer (WITN0388002). I do", SL_SPAN_REFERENCE, "WITN0388002" },
  { "the old firm, a Ltd (07341906), dissolved", SL_SPAN_REFERENCE, "07341906" },
  { "COURT 6\nS20190088   adjourned", SL_SPAN_REFERENCE, "S20190088" },
  { "a registered charity (1157730) in town", SL_SPAN_REFERENCE, "1157730" },
  { "its companies house no. 06218845; see", SL_SPAN_REFERENCE, "06218845" },
  { "I produce exhibit no. KLM/4 here", SL_SPAN_REFERENCE, "KLM/4" },
  { "a placement with a plc (07341906) then", SL_SPAN_REFERENCE, "07341906" },
  /* a survey's date in American order; a date and place of birth */
  { "Q3   Date of birth (MM/DD/YYYY)\n03/21/1988\n\nQ4", SL_SPAN_DATE_OF_BIRTH, "03/21/1988" },
  { "Date and place of birth: 04/02/2010, here", SL_SPAN_DATE_OF_BIRTH, "04/02/2010" },
};

/* Each negative case must yield no span at all. */
static const char *const negatives[] = {
  /* a log in capitals: no home's name across "TAKEN" */
  "2305 BOTH FEMALES TAKEN HOME BY OFFICERS. ALL 3 FEMALES TAKEN HOME.",
  /* public bodies named in full */
  "Sources: Companies House register. He was tried in the High Court of Justiciary.",
  /* a year group's question, a plate's shape in lower case in Northern
   * Ireland's letters, a plate with no letter */
  "Is he in YR10? Is she in yr11?? fez 12, the YE22 ??? car",
  "the company 24 hours later",
  "Please take care 12 times. The register 3 pupils.",
  /* a year before a Welsh word streets start with: no house's number */
  "Signed on 14 October 2025, Heol Awyr.",
  "kept on file 2019 and on file since",
  /* a room's or a flat's number alone; "is" after a word that is no keyword */
  "She is in room 3 now. Is 4 ok? The reference is on file.",
  /* a date under a heading of something else */
  "Dates of meetings\n- Panel: 14.7.2010",
  /* a year on one line is no house number of a "Dr" on the next */
  "Date: 17 November 2025\n\nDear Colleague,",
  /* a fraction, a three-way street */
  "she was in 2/3 of the cases; a 3 way street",
  /* a standard, a road, a date after "log" */
  "built to ISO-9001 on the M62-0012 stretch; log 14/03/25",
  /* capitals and a number named once; officers' collar numbers, times */
  "Entered by PC 2317 and PC 1406 at 2105. See SUB 0412 for more.",
  /* a date laid out with spaces under a line of prose that says "born" */
  "Notes of who was born where and when, written up by the secretariat after the\n"
  "visit.\nVisit   Room 4   12.05.10   done",
  /* a partnership or a board named after its area */
  "Published by the Warrington Safeguarding Partnership with the Telford & Wrekin Safeguarding "
  "Children Partnership.",
  /* the parties of legal papers; the Crown that prosecutes */
  "2. The Intervener shall use those documents. Counsel for the Crown and for the Appellant "
  "agreed.",
  /* a law's title, whatever words are in it */
  "dealt with under the Freedom of Information Act 2000 and section 41 of the Youth Justice and "
  "Criminal Evidence Act 1999.",
  /* a review's year alone, a paragraph's number with a slash, a Crown
   * Court's letter and a short number */
  "the SCR 2012 found that paragraph 4/2 applied; see S2019 and A1234",
  /* a Scottish charity's number; a charity's age */
  "Barnardo's is registered in Scotland, SC037617. The charity is 150 years old.",
  /* a quarter's year, a road's junction, a standard with a slash */
  "figures for Q3-2024 from the A580/1034 junction to BS/8300 standard",
  /* a bank's branch is no street */
  "He banks at 3 Lloyds Bank in town",
  /* wrong check digits and impossible NHS numbers */
  "NHS no 943 476 5918",
  "NHS no 9434765910",
  /* NI numbers with forbidden prefixes or suffixes */
  "NI GB123456A", "NI QQ123456C", "NI AO123456C", "NI DA123456C", "NI AB123456E",
  "NI ZZ123456D",
  /* UPN with a wrong check letter */
  "UPN A801200001001",
  /* not postcodes */
  "QA1 1AA", "AI1 1AA", "M1 1AC", "M1 1IA", "YP3 2nd visit",
  /* not phones */
  "in 2011 there were 1234 referrals", "01234", "tel 0161 496 000", "0161 496 00000",
  /* not handles */
  "meet @14:30",
  /* not vehicles */
  "AB00 CDE", "AB12 CQE",
  /* plain dates stay */
  "meeting on 14/05/2019", "meeting 2019/03/01", "DOB 2009/13/01", "DOB 2009-03/01", "strategy meeting 3rd March 2020", "14:30 on 2019-05-14",
  "the DOB was discussed at length on many occasions before 14/05/2019",
  "DOB 32/05/2002",
  /* references need a keyword and four digits */
  "reference to section 3.2", "case no. 12", "the ref was fair", "incident 12 of 2019",
  "on 14/05/2019 and 2019-05-14", "years 2016-2018-2020", "see 3/4/5", "and/or", "A-B-C",
  "NHS 943-476-591", "met on 01-Feb-2009", "0.5 litres on 01.02.2019", "on snap again", "on snap again. Then", "insta account", "snap at 14:30",
  "see gov.uk for it", "the file is on the shared drive/notes", "dob 14 feb 08:30",
  "went to 12 the gate", "3 ROAD CLOSURES", "Found 3 Lanes",
  "5 minutes down the road", "2 main roads", "it is 3 doors up the street",
  "strategy meeting (3 March 2014)", "T2024", "AB24X00417",
  /* things that must stay */
  "Child A", "YP3", "In 2011", "aged 14", "17A and 19C", "see 3.2 and table 4",
  "£2,000", "at 14:30", "1,234 children", "Table 12",
  "Child A, aged 14, was seen by YP3 in 2011 (offence 17A, para 3.2) at 14:30 for £50.",
  "12 children lived in the area", "", "Born 2003", "years 1999-2001",
  "ISBN 0-123-45678-9", "Offence codes 17A, 19C; see para 3.2 and Table 4.1",
  /* a date in a row after one word, or too recent to be a suspect's birth,
   * or after a keyword whose own date came on the line before */
  "Strategy | 05/06/2010 | open", "Strategy meeting | 05/06/2010 | open",
  "Meeting Room; 12/03/2024; 2",
};

static void
test_positives (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (positives); i++)
    {
      const Case *c = &positives[i];
      g_autoptr(GArray) spans = sl_redactor_detect (c->text, -1);
      const char *at = strstr (c->text, c->found);
      const SlSpan *span;

      g_test_message ("%s", c->text);
      g_assert_nonnull (at);
      g_assert_cmpuint (spans->len, ==, 1);
      span = &g_array_index (spans, SlSpan, 0);
      g_assert_cmpstr (span->type, ==, c->type);
      g_assert_cmpuint (span->start, ==, (gsize) (at - c->text));
      g_assert_cmpuint (span->end, ==, (gsize) (at - c->text) + strlen (c->found));
    }
}

/* Each identifier found again further on, with nothing between the two
 * but a blank line: the patterns tried where a match can start find every
 * match of a text, not only its first. */
static void
test_positives_twice (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (positives); i++)
    {
      const Case *c = &positives[i];
      g_autofree char *text = g_strdup_printf ("%s\n\n%s", c->text, c->text);
      g_autoptr(GArray) spans = sl_redactor_detect (text, -1);
      gsize at = (gsize) (strstr (c->text, c->found) - c->text);
      gsize second = strlen (c->text) + 2 + at;

      g_test_message ("%s", c->text);
      g_assert_cmpuint (spans->len, ==, 2);
      for (guint k = 0; k < 2; k++)
        {
          const SlSpan *span = &g_array_index (spans, SlSpan, k);

          g_assert_cmpstr (span->type, ==, c->type);
          g_assert_cmpuint (span->start, ==, k == 0 ? at : second);
          g_assert_cmpuint (span->end, ==, span->start + strlen (c->found));
        }
    }
}

static void
test_negatives (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (negatives); i++)
    {
      g_autoptr(GArray) spans = sl_redactor_detect (negatives[i], -1);
      g_autofree char *redacted = sl_redactor_redact_structured (negatives[i]);

      g_test_message ("%s", negatives[i]);
      if (spans->len > 0)
        g_test_message ("found %s at %" G_GSIZE_FORMAT,
                        g_array_index (spans, SlSpan, 0).type,
                        g_array_index (spans, SlSpan, 0).start);
      g_assert_cmpuint (spans->len, ==, 0);
      g_assert_cmpstr (redacted, ==, negatives[i]);
    }
}

/* A log that numbers a hundred things by the same capitals: every one of
 * them is a reference, however many there are */
static void
test_numbered_log (void)
{
  g_autoptr(GString) text = g_string_new ("Submissions received\n");
  g_autoptr(GArray) spans = NULL;
  guint references = 0;

  for (guint k = 0; k < 100; k++)
    g_string_append_printf (text, "SUB %04u logged\n", 400 + k);
  spans = sl_redactor_detect (text->str, -1);
  for (guint i = 0; i < spans->len; i++)
    if (strcmp (g_array_index (spans, SlSpan, i).type, SL_SPAN_REFERENCE) == 0)
      references++;
  g_assert_cmpuint (references, ==, 100);
}

static void
test_byte_offsets (void)
{
  /* Multi-byte characters before the identifiers: offsets are bytes. */
  const char *text = "Café — Zoë’s tel 07700 900123; DOB 14/05/2002 → M1 1AE";
  g_autoptr(GArray) spans = sl_redactor_detect (text, -1);
  const char *name = strstr (text, "Zoë");
  const char *phone = strstr (text, "07700");
  const char *dob = strstr (text, "14/05");
  const char *pc = strstr (text, "M1 1AE");

  g_assert_cmpuint (spans->len, ==, 4);
  /* The name stops before the possessive "’s" (3 + 1 bytes). */
  g_assert_cmpstr (g_array_index (spans, SlSpan, 0).type, ==, SL_SPAN_PERSON);
  g_assert_cmpuint (g_array_index (spans, SlSpan, 0).start, ==, (gsize) (name - text));
  g_assert_cmpuint (g_array_index (spans, SlSpan, 0).end, ==, (gsize) (name - text) + 4);
  g_assert_cmpstr (g_array_index (spans, SlSpan, 1).type, ==, SL_SPAN_PHONE);
  g_assert_cmpuint (g_array_index (spans, SlSpan, 1).start, ==, (gsize) (phone - text));
  g_assert_cmpuint (g_array_index (spans, SlSpan, 1).end, ==, (gsize) (phone - text) + 12);
  g_assert_cmpstr (g_array_index (spans, SlSpan, 2).type, ==, SL_SPAN_DATE_OF_BIRTH);
  g_assert_cmpuint (g_array_index (spans, SlSpan, 2).start, ==, (gsize) (dob - text));
  g_assert_cmpuint (g_array_index (spans, SlSpan, 2).end, ==, (gsize) (dob - text) + 10);
  g_assert_cmpstr (g_array_index (spans, SlSpan, 3).type, ==, SL_SPAN_POSTCODE);
  g_assert_cmpuint (g_array_index (spans, SlSpan, 3).start, ==, (gsize) (pc - text));
  g_assert_cmpuint (g_array_index (spans, SlSpan, 3).end, ==, strlen (text));
}

static void
test_length_limit (void)
{
  /* Only the first len bytes are scanned: a cut number is not found. */
  const char *text = "tel 07700 900123";
  g_autoptr(GArray) cut = sl_redactor_detect (text, 10);
  g_autoptr(GArray) whole = sl_redactor_detect (text, (gssize) strlen (text));

  g_assert_cmpuint (cut->len, ==, 0);
  g_assert_cmpuint (whole->len, ==, 1);
}

static void
test_overlaps (void)
{
  /* The e-mail wins over the handle inside it; the URL over its handle. */
  const char *text = "mail jo@example.com or https://tiktok.com/@jo_b and @jo_b";
  g_autoptr(GArray) spans = sl_redactor_detect (text, -1);

  g_assert_cmpuint (spans->len, ==, 3);
  g_assert_cmpstr (g_array_index (spans, SlSpan, 0).type, ==, SL_SPAN_EMAIL);
  g_assert_cmpstr (g_array_index (spans, SlSpan, 1).type, ==, SL_SPAN_URL);
  g_assert_cmpstr (g_array_index (spans, SlSpan, 2).type, ==, SL_SPAN_SOCIAL_HANDLE);
  for (guint i = 1; i < spans->len; i++)
    g_assert_cmpuint (g_array_index (spans, SlSpan, i - 1).end, <=,
                      g_array_index (spans, SlSpan, i).start);
}

/* A long text, with more spans than a short note has (10,000 and more,
 * sorted another way), is sorted the way a short one is: each paragraph's spans are those it has alone, moved
 * by its offset, in order and apart. */
static void
test_long_text_order (void)
{
  const char *para = "Mob 07700 900123, NHS 943 476 5919, e-mail jo.bloggs@example.com, "
                     "postcode M1 1AE, reg AB12 CDE; seen at 12 Canal Street.\n\n";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) one = sl_redactor_detect (para, -1);
  g_autoptr(GArray) all = NULL;
  gsize len = strlen (para);

  for (guint k = 0; k < 2000; k++)
    g_string_append (text, para);
  all = sl_redactor_detect (text->str, -1);
  g_assert_cmpuint (one->len, >=, 5);
  g_assert_cmpuint (all->len, ==, 2000 * one->len);
  for (guint i = 0; i < all->len; i++)
    {
      const SlSpan *a = &g_array_index (all, SlSpan, i);
      const SlSpan *o = &g_array_index (one, SlSpan, i % one->len);

      g_assert_cmpuint (a->start, ==, o->start + (i / one->len) * len);
      g_assert_cmpuint (a->end, ==, o->end + (i / one->len) * len);
      g_assert_cmpstr (a->type, ==, o->type);
    }
}

static void
test_redact_note (void)
{
  static const char *const planted[] = {
    "943 476 5919", "AB123456C", "H801200001001", "M1 1AE", "07700 900123",
    "+44 (0)161 496 0000", "jo.bloggs@example.com", "https://example.com/jo", "@jo_bloggs",
    "AB12 CDE", "14/05/2002", "12/34567/20", "01AB1234519", "12 Canal Street",
  };
  const char *note =
    "Child A (NHS 943 476 5919, NI AB123456C, UPN H801200001001), DOB 14/05/2002, lives at "
    "12 Canal Street, M1 1AE. Mob 07700 900123, home +44 (0)161 496 0000, e-mail "
    "jo.bloggs@example.com, https://example.com/jo and Snapchat @jo_bloggs. Seen in AB12 CDE. "
    "Crime ref 12/34567/20, CRN: 01AB1234519. Strategy meeting 14/06/2019 at 14:30; "
    "aged 14 in 2011; offence 17A; see 3.2.";
  g_autofree char *out = sl_redactor_redact_structured (note);

  g_test_message ("%s", out);
  for (guint i = 0; i < G_N_ELEMENTS (planted); i++)
    g_assert_null (strstr (out, planted[i]));
  g_assert_true (g_str_has_prefix (out, "Child A (NHS [NHS number], NI [NI number], UPN [UPN]), "
                                        "DOB [date of birth], lives at [address], [postcode]. "
                                        "Mob [phone], home [phone], e-mail [email], [URL] and "
                                        "Snapchat [social handle]. Seen in [vehicle reg]. "
                                        "Crime ref [reference], CRN: [reference]. "));
  g_assert_true (g_str_has_suffix (out, "Strategy meeting 14/06/2019 at 14:30; aged 14 in 2011; "
                                        "offence 17A; see 3.2."));
}

static void
test_labels (void)
{
  g_assert_cmpstr (sl_redactor_get_label (SL_SPAN_PHONE), ==, "[phone]");
  g_assert_cmpstr (sl_redactor_get_label (SL_SPAN_POSTCODE), ==, "[postcode]");
  g_assert_cmpstr (sl_redactor_get_label (SL_SPAN_NHS_NUMBER), ==, "[NHS number]");
}

/* Names, places and institutions */

/* Each case: a text and the exact spans expected in it, as "type:bytes"
 * separated by "|", or "" for nothing at all. */
typedef struct
{
  const char *text;
  const char *expected;
} NameCase;

static const NameCase name_cases[] = {
  /* people: full, first only, titles, initials, case, diacritics, particles */
  { "Jade Smith was seen in the park.", "PERSON:Jade Smith" },
  { "Met Tariq after school.", "PERSON:Tariq" },
  { "Mr Kowalski said he knew her.", "PERSON:Mr Kowalski" },
  { "DC Sarah O'Neill took the statement.", "PERSON:DC Sarah O'Neill" },
  { "Notes by Mrs. Begum.", "PERSON:Mrs. Begum" },
  { "J. Whitworth (foster carer) called.", "PERSON:J. Whitworth" },
  { "JADE SMITH TOLD STAFF", "PERSON:JADE SMITH" },
  { "later jade smith came back", "PERSON:jade smith" },
  { "Siobhán Ní Bhriain and Małgorzata Kowalczyk-Jones attended.",
    "PERSON:Siobhán Ní Bhriain|PERSON:Małgorzata Kowalczyk-Jones" },
  { "Ahmed al-Rashid drove.", "PERSON:Ahmed al-Rashid" },
  { "Miss van der Berg was told.", "PERSON:Miss van der Berg" },
  { "Zoë’s phone was taken.", "PERSON:Zoë" },
  /* context makes everyday words names */
  { "Her sister Amber was there.", "PERSON:Amber" },
  { "Tariq, Amber and Jade were taken.", "PERSON:Tariq|PERSON:Amber|PERSON:Jade" },
  { "Precious and Blessing met Tariq Khan and Amber.",
    "PERSON:Precious|PERSON:Blessing|PERSON:Tariq Khan|PERSON:Amber" },
  { "Mr and Mrs Qureshi attended.", "PERSON:Mr and Mrs Qureshi" },
  { "Amber Hussain was seen.", "PERSON:Amber Hussain" },
  { "Then Grace said she was scared.", "PERSON:Grace" },
  /* a name found once is found everywhere in the note */
  { "Jade Kowalczyk was seen. Later KOWALCZYK denied it.",
    "PERSON:Jade Kowalczyk|PERSON:KOWALCZYK" },
  /* key/value headers */
  { "Name: Amber Hope\nMother: Grace", "PERSON:Amber Hope|PERSON:Grace" },
  { "Name: Child A", "" },
  /* places */
  { "She was taken to Rochdale.", "PLACE:Rochdale" },
  { "Girls from Milton Keynes and Stoke-on-Trent.", "PLACE:Milton Keynes|PLACE:Stoke-on-Trent" },
  { "Rochdale Borough Council attended.", "PLACE:Rochdale Borough Council" },
  { "She lives in Reading now.", "PLACE:Reading" },
  /* institutions */
  { "She attends St Mary's Primary School.", "INSTITUTION:St Mary's Primary School" },
  { "He was placed at Oakwood Children's Home.", "INSTITUTION:Oakwood Children's Home" },
  { "Drivers from Star Taxis and the Royal Oak.",
    "INSTITUTION:Star Taxis|INSTITUTION:the Royal Oak" },
  { "A taxi from City Cars, then Zam Zam Kebabs.", "INSTITUTION:City Cars|INSTITUTION:Zam Zam Kebabs" },
  { "Call from PC 4471 Harrington about it.", "PERSON:PC 4471 Harrington" },
  { "Hardeep Bains chaired. Action: HB to write.", "PERSON:Hardeep Bains|PERSON:HB" },
  { "a man called \"Bash\" drove", "PERSON:Bash" },
  { "Seen at Parkview Surgery.", "INSTITUTION:Parkview Surgery" },
  /* what must stay */
  { "Child A, YP3, Victim 2 and Suspect 1 were discussed.", "" },
  { "Ofsted, CAMHS, Barnardo's, the police, CPS, NSPCC and social services met.", "" },
  { "Under section 47 of the Children Act 1989; see Table 4 and paragraph 3.2.", "" },
  { "Figures for the North West and Yorkshire and the Humber rose in March 2011.", "" },
  { "He drove a Ford, then a Vauxhall.", "" },
  { "Reading the file, Hope was expressed that the council would act.", "" },
  { "Risk was rated Amber. Will the panel return in May?", "" },
  { "Mark the register. Summer term. Grace period.", "" },
  { "She lived at 45 Hope Road.", "ADDRESS:45 Hope Road" },
  { "Offence 17A, aged 14, in 2010.", "" },
  { "They met in the Town Centre near the Youth Club.", "" },
  { "The Sexual Assault Referral Centre and the Home Office.", "" },
  { "He drove a Vauxhall Astra.", "" },
  /* kinship words as titles, naming cues, lists with nicknames */
  { "Notes of a call with Sister Bernadette.", "PERSON:Sister Bernadette" },
  { "Her friend Precious was there.", "PERSON:Precious" },
  { "a man she knows as \"Spider\" took her", "PERSON:Spider" },
  { "MOHAMMED ZUBAIR (aka \"ZUBY\") drove", "PERSON:MOHAMMED ZUBAIR|PERSON:ZUBY" },
  { "boys (Liam, Cody, \"Skinny\") asked", "PERSON:Liam|PERSON:Cody|PERSON:Skinny" },
  { "a man called \"Spider\"'s van", "PERSON:Spider" },
  { "The web was \"Spider\" shaped.", "" },
  { "He took Jade and Amber to Blackburn.", "PERSON:Jade|PERSON:Amber|PLACE:Blackburn" },
  { "Reg YK19 HBT seen twice", "VEHICLE_REG:YK19 HBT" },
  /* a job after a name is not another name */
  { "We met Carys Llewellyn, Head of Service.", "PERSON:Carys Llewellyn" },
  /* a surname first where a name is expected */
  { "Subject name: Dumitrescu, Bianca\nDOB unknown", "PERSON:Dumitrescu, Bianca" },
  /* initials after a title; dotted initials */
  { "Ms Roxanne Gillespie, aged 29.\nRG: I was at school.",
    "PERSON:Ms Roxanne Gillespie|PERSON:RG" },
  { "Sarah Ojo wrote. Thanks, S.O.", "PERSON:Sarah Ojo|PERSON:S.O." },
  { "Sarah Ojo wrote. Thanks, S.T.", "PERSON:Sarah Ojo|PERSON:S.T." },
  /* lower case: lists, ages, possessives before kin */
  { "sed dan and liam took her", "PERSON:dan|PERSON:liam" },
  { "mo (17) seen by outreach", "PERSON:mo" },
  { "tash's mum rang and kev says no", "PERSON:tash|PERSON:kev" },
  { "the girl's mum and her friend's dad rang", "" },
  { "boys (12) and girls (14)", "" },
  /* a name that is a word: after a determiner a word, before a past verb a name */
  { "Bill Ormerod rang. Bill found texts. The Bill for her phone was paid.",
    "PERSON:Bill Ormerod|PERSON:Bill" },
  { "Will Ormerod rang. Will follow up.", "PERSON:Will Ormerod" },
  /* lines in capitals */
  { "JERMAINE CLARKE - 31 - ASTON", "PERSON:JERMAINE CLARKE|PLACE:ASTON" },
  { "Lives near ASTON Villa's ground.", "" },
  /* towns of Wales, Scotland and Northern Ireland; hamlets only with a cue */
  { "aaron walsh came. at aarons wiv keeley", "PERSON:aaron walsh|PERSON:aarons|PERSON:keeley" },
  { "Moved from Ammanford to Tenby.", "PLACE:Ammanford|PLACE:Tenby" },
  { "Moved from Ebbw Vale to Strabane, then Inverclyde.",
    "PLACE:Ebbw Vale|PLACE:Strabane|PLACE:Inverclyde" },
  { "a farm near Bould, where Kieran Bould lived", "PLACE:Bould|PERSON:Kieran Bould" },
  /* institutions named with a code, and new cue words */
  { "a taxi (A2B Cars, Walsall)", "INSTITUTION:A2B Cars|PLACE:Walsall" },
  { "at the Cloud 9 Shisha Lounge", "INSTITUTION:Cloud 9 Shisha Lounge" },
  { "a caravan at Sunnyside Holiday Park", "INSTITUTION:Sunnyside Holiday Park" },
  { "in YP3 Cars and 12 Cars", "" },
  { "A1 Taxis took her.", "INSTITUTION:A1 Taxis" },
  { "from bradford to leeds with kyle", "PLACE:bradford|PLACE:leeds|PERSON:kyle" },
  /* a pub or a hotel named before a lower-case cue */
  { "at the Junction pub and the Old Mill hotel", "INSTITUTION:Junction|INSTITUTION:Old Mill" },
  { "the Youth club, the Council hotel", "" },
  /* roles with an age or a possessive stay words */
  { "her son (16), a man (30), two lads (17) and the driver's mate", "" },
  { "Offence codes 17A/19C/20B", "" },
  /* towns that are everyday words need context */
  { "Sandy hair, a Deal, the Sale went through; she lives in Sandy.", "PLACE:Sandy" },
  /* greetings and sign-offs are not names; dotted initials are someone's */
  { "Hi Jo, thanks. Regards, Priya", "PERSON:Jo|PERSON:Priya" },
  { "J.S. (16) and K.M. said no. A.B. was fine.", "PERSON:J.S.|PERSON:K.M.|PERSON:A.B." },
  { "Aunt: Pam\nUncle: Dev", "PERSON:Pam|PERSON:Dev" },
  { "Witness: Thirteen, maybe fourteen.", "" },
  { "SUBJECT: ADEBAYO, Folake", "PERSON:ADEBAYO, Folake" },
  /* brands with their 's; names that are words starting a sentence */
  { "McDonald's, Nando's and Mr McDonald's car", "PERSON:Mr McDonald" },
  { "Dawn raid. Holly wreath. Jack the car up.", "" },
  /* agencies in capitals */
  { "Passed to CSC. He is in HMP now.", "" },
  /* hotel chains without a cue word, not in lower case */
  { "a room at the Travelodge in Walsall, then the Holiday Inn Express",
    "INSTITUTION:Travelodge|PLACE:Walsall|INSTITUTION:Holiday Inn Express" },
  { "an ibis by the lake; a premier inn", "" },
  /* hospitals named with a place or a patron; not a hospital alone */
  { "seen at Royal Oldham Hospital, then Leicester Royal Infirmary",
    "INSTITUTION:Royal Oldham Hospital|INSTITUTION:Leicester Royal Infirmary" },
  { "taken to hospital, to the General Hospital and the University Hospital", "" },
  /* a street named after a town is covered whole; other streets stay */
  { "a flat on Oldham Road and a shop on Bury New Road",
    "PLACE:Oldham Road|PLACE:Bury New Road" },
  { "on Church Lane, Station Road and Mill Road", "" },
  /* a name in capitals in mixed text; acronyms and headings stay */
  { "Both deny knowing HOXHA.", "PERSON:HOXHA" },
  { "Referred to MARAC and CAMHS; the ROTA is full.\nNOTES OF VISIT", "" },
  /* a name that is a word, with an age after "is" */
  { "Grace is 15 and Ashley is 26.", "PERSON:Grace|PERSON:Ashley" },
  { "Reading is 10 minutes away. Hope was 12:30. Amber is 20% up.", "" },
  /* a quoted nickname inside a full name; not before any word */
  { "- Jordan \"JJ\" Pearce (19) - driver", "PERSON:Jordan \"JJ\" Pearce" },
  { "Met Kyle \"Big K\" Smith; Kyle \"ok\" then left.",
    "PERSON:Kyle \"Big K\" Smith|PERSON:Kyle" },
  /* a lower-case name that is a word, with an age after "is" */
  { "dean is 19; the rota was 12:30", "PERSON:dean" },
  { "it is 19 and she was 15, the date was 12", "" },
  /* initials at the head of an action; agencies and roles stay */
  { "A13 - SK to check the database\nA14 - TA to chase; LA to confirm\nCSC to revisit",
    "PERSON:SK" },
  /* institutions in lower case before a cue word */
  { "school (sandwell academy) not aware; rochdale sixth form college",
    "INSTITUTION:sandwell academy|INSTITUTION:rochdale sixth form college" },
  { "the local school and a big takeaway; the youth centre", "" },
  /* judges' titles */
  { "Court 4 - HHJ Rosalind Gateshill; Recorder Naylor",
    "PERSON:HHJ Rosalind Gateshill|PERSON:Recorder Naylor" },
  { "before District Judge Ahmed", "PERSON:District Judge Ahmed" },
  { "His Honour Judge Patel; Honour Smith", "PERSON:His Honour Judge Patel|PERSON:Honour Smith" },
  /* code names of operations, guidance named after a case */
  { "Operation Linden and OPERATION SABRE; Fraser guidelines and Gillick competence", "" },
  /* who speaks in a chat log, next to the time */
  { "[19:02] kels: where r u\nKamil 14:22: ok", "PERSON:kels|PERSON:Kamil" },
  { "Staff 14:00: meds given\n[14:05] Note: quiet", "" },
  /* a first name and a surname in capitals; a quoted nickname first */
  { "a man I know as Lee SHARPLES", "PERSON:Lee SHARPLES" },
  { "with \"Dizzy\" Craig Munro", "PERSON:Dizzy\" Craig Munro" },
  /* prisons; a bar named with a word that is also a name */
  { "in HMP Magilligan", "INSTITUTION:HMP Magilligan" },
  { "at the Marine Bar in Arbroath", "INSTITUTION:Marine Bar|PLACE:Arbroath" },
  { "at Crown Street Police Station", "INSTITUTION:Crown Street Police Station" },
  /* lower case: a town in a street's name, a town of two words */
  { "on sheffield rd, then in north shields", "PLACE:sheffield|PLACE:north shields" },
  /* the days of a log; brands given as gifts */
  { "Mon: absent. Sat 14:00 home. A Pandora bracelet", "" },
  /* lower case: a first name after a kinship word, a town before its high street */
  { "its nana pat. his mate dan drove; her mum said no", "PERSON:pat|PERSON:dan" },
  { "lives on gateshead high street", "PLACE:gateshead" },
  /* institutions named cue first; a hub; a nickname and an initial */
  { "at Masjid-e-Noor, Gurdwara Guru Nanak and Spice Junction",
    "INSTITUTION:Masjid-e-Noor|INSTITUTION:Gurdwara Guru Nanak|INSTITUTION:Spice Junction" },
  { "at Eastside Youth Hub with \"Mikey P\" again", "INSTITUTION:Eastside Youth Hub|PERSON:Mikey P" },
  /* a town after an address and its comma, or before a postcode */
  { "12 Clover Street, Reading", "ADDRESS:12 Clover Street|PLACE:Reading" },
  { "Flat 14, Brunswick Court, Hull HU1 2AB",
    "ADDRESS:Flat 14, Brunswick Court|PLACE:Hull|POSTCODE:HU1 2AB" },
  { "Reading the notes, Hull was mentioned", "" },
  /* street names with "big", "lil"; not "a young man", "big man" */
  { "says big tariq runs it; tell lil k", "PERSON:big tariq|PERSON:lil k" },
  { "a young man and a little bit, big man", "" },
  /* a name between commas after a kinship word; not a role pseudonym */
  { "with a friend, Aušra, in Boston; the victim, Child A, said", "PERSON:Aušra|PLACE:Boston" },
  /* a name before a cue in lower case; not an ordinary word, nor the cuisine */
  { "the Ashiana restaurant, the Lucky Star Chinese takeaway, the Youth club, the new cafe",
    "INSTITUTION:Ashiana|INSTITUTION:Lucky Star" },
  { "at Huddersfield Town Hall; before the Magistrates' Court", "INSTITUTION:Huddersfield Town Hall" },
  /* a town before its court, in capitals too; not a street */
  { "LEEDS CROWN COURT - DAILY LIST\nthe Crown Court and the Youth Court", "PLACE:LEEDS" },
  /* a family by its surname; not a colour or a word */
  { "Family: the Fitzgeralds; the Browns and the Rangers", "PERSON:Fitzgeralds" },
  /* a district of London that is also a word, after "in" */
  { "a flat in Poplar. Poplar trees", "PLACE:Poplar" },
  /* a date in brackets after a name, if old enough to be a birth date */
  { "Patrick Devlin (Nov 3, 1985) and Jade Smith (3 March 2099)",
    "PERSON:Patrick Devlin|DATE_OF_BIRTH:Nov 3, 1985|PERSON:Jade Smith" },
  /* dates of birth in a pasted table, rows below a heading that names them;
   * the dates of a chronology's "Date" column are none */
  { "Who,DOB,Role\nYP1,03/09/1998,suspect\nYP2,22/12/2000,victim\nYP3,14/05/2008,victim",
    "DATE_OF_BIRTH:03/09/1998|DATE_OF_BIRTH:22/12/2000|DATE_OF_BIRTH:14/05/2008" },
  { "| Who | Date of birth |\n|---|---|\n| YP1 | 7 April 2009 |\n| YP2 | 2009-12-30 |",
    "DATE_OF_BIRTH:7 April 2009|DATE_OF_BIRTH:2009-12-30" },
  { "Who\tD.O.B.\tSeen\nYP1\t3.1.2010\tyes\nYP2\t29.02.2008\tno",
    "DATE_OF_BIRTH:3.1.2010|DATE_OF_BIRTH:29.02.2008" },
  { "Date | Event | Source\n02/01/2024 | YP1 found | police\n19/01/2024 | YP1 seen | school", "" },
  /* a children's home named with an ordinary word, and its capital "The";
   * a school named with a plural's apostrophe; not a home or school alone */
  { "DAILY RECORD - The Willows Children's Home\nYP1,victim,,Riverside Children's Home",
    "INSTITUTION:The Willows Children's Home|INSTITUTION:Riverside Children's Home" },
  { "Head, Kings Norton Boys' School; the Girls' School; the children's home",
    "INSTITUTION:Kings Norton Boys' School" },
  /* apps and programmes name no one; nor the words of a form or minutes */
  { "He watched Love Island and sent money on Cash App, then Tik Tok", "" },
  { "Re: Tariq Khan, Year 9\nClerk, Mrs Begum; the Chief Social Work Officer",
    "PERSON:Tariq Khan|PERSON:Mrs Begum" },
  /* a Welsh street with an article between its words; a town by its short form */
  { "of 18 Heol Tyn y Coed, Merthyr CF47 9AU", "ADDRESS:18 Heol Tyn y Coed|PLACE:Merthyr|POSTCODE:CF47 9AU" },
  { "near 7 Heol y Felin, Ystrad Mynach", "ADDRESS:7 Heol y Felin|PLACE:Ystrad Mynach" },
  /* a list of those present, each with a role in brackets; not a town after one */
  { "Present: Kelly Ann Gregson (provider), Martin Whittle (panel)",
    "PERSON:Kelly Ann Gregson|PERSON:Martin Whittle" },
  { "Seen by Kelly Gregson (provider), Reading the notes", "PERSON:Kelly Gregson" },
  /* two institutions joined by "and" are two; a club of lads and girls is one */
  { "from Springfield Children's Home and Haywood Academy; at Bolton Lads and Girls Club",
    "INSTITUTION:Springfield Children's Home|INSTITUTION:Haywood Academy|"
    "INSTITUTION:Bolton Lads and Girls Club" },
  /* "miss" in lower case before a name is its title, unless missed */
  { "ok ill tell miss hussain tmrw, i miss jordan", "PERSON:miss hussain|PERSON:jordan" },
  /* an initial and a surname after a role in lower case; "Child B" stays a role */
  { "note by panel member R. Okafor; Child B. Okafor was told", "PERSON:R. Okafor|PERSON:Okafor" },
  /* Welsh homes and centres named cue first; not the word alone */
  { "visit to Hafan Deg (supported accommodation), Llanelli. Cartref is a word",
    "INSTITUTION:Hafan Deg|PLACE:Llanelli" },
  /* a Welsh street joined by hyphens; a police sergeant's title */
  { "of 44 Maes-y-Coed, Barry; 3 Maes Road",
    "ADDRESS:44 Maes-y-Coed|PLACE:Barry|ADDRESS:3 Maes Road" },
  { "Attendees: PS Rob Whiteley\nPS: the notes follow", "PERSON:PS Rob Whiteley" },
  /* a nickname in quotes after a cue, in lower case too; not a word shouted */
  { "a lad called \"smokey\", known to staff as \"Bubbles\"; he called \"help\" and \"the man\"",
    "PERSON:smokey|PERSON:Bubbles" },
  /* bakeries and vape shops; an agency of Ireland */
  { "taken to Kashmir Crown Bakeries and Smoke Zone Vape Shop by Ms Ryan of Tusla",
    "INSTITUTION:Kashmir Crown Bakeries|INSTITUTION:Smoke Zone Vape Shop|PERSON:Ms Ryan" },
  /* chains of take-aways and hotels, in lower case too; not a bird */
  { "at greggs, then kfc and the premier inn; Chicken Cottage",
    "INSTITUTION:greggs|INSTITUTION:kfc|INSTITUTION:premier inn|INSTITUTION:Chicken Cottage" },
  { "an ibis flew over the cottage", "" },
  /* people in a pasted table's "Name" column, though their words be ordinary;
   * not a role, nor a sentence with as many commas after the table */
  { "| Name | Seen |\n|---|---|\n| Jade Pike | today |\n| YP14 | today |\n| Child A | today |",
    "PERSON:Jade Pike" },
  { "Name,Role,Seen\nJade Pike,victim,today\nPasted from the sheet, Column E, Hope", "PERSON:Jade Pike" },
  /* who writes in a chat log, by an account without its "@", and its
   * other mentions; not a role, an action or a section, nor one line alone */
  { "gh0stx: she went\ngh0stx: ok\nthe account gh0stx is YP1",
    "SOCIAL_HANDLE:gh0stx|SOCIAL_HANDLE:gh0stx|SOCIAL_HANDLE:gh0stx" },
  { "[21:14] tazz.xo: u there\n[21:16] tazz.xo: ??", "SOCIAL_HANDLE:tazz.xo|SOCIAL_HANDLE:tazz.xo" },
  { "YP12: missing x3\nA1: send the list\ns.47: strategy\nnote1: once only\nYP12: found", "" },
  { "Who,DOB,Seen\nYP1,,seen by the youth worker on the estate\nYP2,,at school on 03/09/2019 with YP1",
    "" },
  /* lines written in lower case: towns, first names, a street without a
   * number, a saint's school, a pub; not the same words in prose, nor a
   * first name that is a word */
  { "me: is zak n lola out\nhim: outside tesco on chapel st then hartlepool or colwyn bay",
    "PERSON:zak|PERSON:lola|INSTITUTION:tesco|PLACE:chapel st|PLACE:hartlepool|PLACE:colwyn bay" },
  { "him: bring ur mate from st bedes, we goin the wheatsheaf then st helens",
    "INSTITUTION:st bedes|INSTITUTION:wheatsheaf|PLACE:st helens" },
  { "me: ye amber n will r comin, meet at the crown jewels on the high st",
    "" },
  { "The manager of the shop said the lad was going to the hospital.", "" },
  /* a Welsh school named cue first in lower case, not the word after it */
  { "she goes to ysgol bryn elian now", "INSTITUTION:ysgol bryn elian" },
  /* licence, badge and plate numbers near their words or under their heading;
   * not offence codes, tables, roles or years elsewhere */
  { "Driver\tBadge\tPlate\nMo Arshad\tDB04417\tPH 552\nOffence codes SX03001, SX03014; Table 12.",
    "PERSON:Mo Arshad|REFERENCE:DB04417|REFERENCE:PH 552" },
  { "driver (badge PCC0931, plate PH1187) left in JULY 2022; YP 1234 was seen",
    "REFERENCE:PCC0931|REFERENCE:PH1187" },
  { "Offence code SX03001 under s.14; see HOCR 88/3 and Annex 2", "" },
  /* a registration with a space inside, in capitals only; not an age */
  { "Reg KM 19 XYZ seen; he is 19 yrs old", "VEHICLE_REG:KM 19 XYZ" },
  /* the day a log was written is no number of it; a police system no name */
  { "LOG 14/03/25: call taken. Athena 45250117734.", "REFERENCE:45250117734" },
  /* schools with "R.C." in their names, in capitals too; an academy named
   * after its trust, then the school; the job before it is no name */
  { "visit to St Aidan's R.C. High School and ST JOSEPH'S R.C. PRIMARY SCHOOL",
    "INSTITUTION:St Aidan's R.C. High School|INSTITUTION:ST JOSEPH'S R.C. PRIMARY SCHOOL" },
  { "Rachel Whitfield, Designated Safeguarding Lead, Oasis Academy Parkwood",
    "PERSON:Rachel Whitfield|INSTITUTION:Oasis Academy Parkwood" },
  /* a district's council names its place, though the place be unknown */
  { "licensed by Fenland District Council since 2019", "PLACE:Fenland District Council" },
  /* surnames first in capitals, with a particle or all in capitals */
  { "3) DA SILVA, João Pedro, no fixed abode", "PERSON:DA SILVA, João Pedro" },
  { "SUBJECT: KHAN, IMRAN ALI", "PERSON:KHAN, IMRAN ALI" },
  /* Irish particles with a lower-case letter before the capital */
  { "Present: Mr Seamus Mac an tSaoi (panel)", "PERSON:Mr Seamus Mac an tSaoi" },
  /* a nickname of two capitals after "Known as:", and everywhere after */
  { "Known as: TJ\nTJ was found in Southport.", "PERSON:TJ|PERSON:TJ|PLACE:Southport" },
  /* take-aways named with their food first; not the food */
  { "at Chicken Spot on Friday; Chicken and chips were bought", "INSTITUTION:Chicken Spot" },
  /* a home named with a word that is a name, after a preposition; not the word */
  { "placed at Amber House in Leeds; Amber was rated", "INSTITUTION:Amber House|PLACE:Leeds" },
  /* a pub in capitals before a word of the sentence */
  { "THE GIRL WAS TAKEN TO THE ROYAL OAK IN ROCHDALE",
    "INSTITUTION:THE ROYAL OAK|PLACE:ROCHDALE" },
  /* a town and a home found once are found everywhere in the note */
  { "HARTLEPOOL BOROUGH COUNCIL. She said hartlepool was home.",
    "PLACE:HARTLEPOOL BOROUGH COUNCIL|PLACE:hartlepool" },
  { "Staff at Brambles Children's Home said she came back to Brambles late.",
    "INSTITUTION:Brambles Children's Home|INSTITUTION:Brambles" },
  /* a licence's number right after its word, or in groups of capitals; not a year */
  { "badge number 4471 and private hire licence no. 2290; plate 118; licensed 2019",
    "REFERENCE:4471|REFERENCE:2290|REFERENCE:118" },
  { "The operator holds licence PH/OP/0123.", "REFERENCE:PH/OP/0123" },
  /* a home named with an ordinary word, after a preposition; not after "a" */
  { "Site visit to Riverside House today; a Riverside House is planned",
    "INSTITUTION:Riverside House" },
  /* a maiden name after "nee"; a lower-case title's surname that is a word too */
  { "Mum - Ms Leanne Hussain (nee Booth)", "PERSON:Ms Leanne Hussain|PERSON:Booth" },
  { "spoke to nan (mrs margaret hill) today", "PERSON:mrs margaret hill" },
  /* in a chat, a possessive without its apostrophe after "at"; not a word */
  { "[22:01] jess: im at nathans in oldham\n[22:02] kyle: at chips now",
    "PERSON:jess|PERSON:nathans|PLACE:oldham|PERSON:kyle" },
  { "actions: kp to email the st. michael's school",
    "PERSON:kp|INSTITUTION:st. michael's school" },
  /* in capitals, words that are also names are no names together; a
   * name's parts found apart are one; "A" is an article */
  { "KEY FINDINGS: HOPE, AMBER AND GRACE WERE WORDS. THE POSTER SAID AMBER.", "" },
  { "MARK HILL AND JADE SMITH WERE SEEN BY A MAN CALLED DAZ",
    "PERSON:MARK HILL|PERSON:JADE SMITH|PERSON:DAZ" },
  /* two take-aways joined by "and" are two; a bar and grill is one */
  { "from Dallas Chicken and Sultan Grill; at Harry's Bar and Grill",
    "INSTITUTION:Dallas Chicken|INSTITUTION:Sultan Grill|INSTITUTION:Harry's Bar and Grill" },
  /* police systems' numbers, with a star too; the system is no name */
  { "Occurrence 24*123456; CRIS 4210012/24", "REFERENCE:24*123456|REFERENCE:4210012/24" },
  /* a Welsh street in lower case */
  { "im at 31 ffordd las, she lives at 4 heol y nant", "ADDRESS:31 ffordd las|ADDRESS:4 heol y nant" },
  /* a project's code name is no name; planted negatives stay */
  { "Operation Span and Project Phoenix reported to Ofsted, CAMHS and the NSPCC about "
    "Child A and YP3 under section 47 of the Children Act 1989 (Table 4, paragraph 3.2); "
    "offence codes 17A and SX03001; the North West; a black BMW X5; Hope and Amber rooms",
    "" },
  /* a town before a place in it, as in a street's name, but a pier is
   * the pier; not a word */
  { "seen on Edmonton Green and Blackpool Pier; at Hope Green and Rose Market",
    "PLACE:Edmonton|INSTITUTION:Blackpool Pier" },
  /* initials in an action log, two joined by a slash too; not acronyms */
  { "1. RK \xe2\x80\x93 obtain the minutes\nACTION: JS/KL to meet Ms Begum\n- TM: send it\n"
    "NB: check the file\nCSE: rising\nA1 - send",
    "PERSON:RK|PERSON:JS/KL|PERSON:Ms Begum|PERSON:TM" },
  /* a name without quotes after "knew him as"; an initial after a title; not a role */
  { "others knew him as Pops or Mr B; known as Complainant 3; she did not want to be named. "
    "Staff agreed",
    "PERSON:Pops|PERSON:Mr B" },
  /* a council after a header is a place */
  { "Visit to: Kirklees Council, Huddersfield", "PLACE:Kirklees Council|PLACE:Huddersfield" },
  /* initials on a line of those present; not acronyms, roles, nor elsewhere */
  { "Attendees: Panel (GT, RB), manager (Sue Wilkins), residents (YP1, YP2), NHS, CPS\n"
    "Notes: GT and RB",
    "PERSON:GT|PERSON:RB|PERSON:Sue Wilkins|PERSON:GT|PERSON:RB" },
  { "Notes: GT and RB", "" },
  /* a house named before its address; not a paper before a date */
  { "Location: The Elms, 4 Park Road; in The Guardian, 3 May 2024",
    "INSTITUTION:The Elms|ADDRESS:4 Park Road" },
  /* in lower case, a town that is a first name too after "in"; a person after "to" */
  { "we went in preston with callum; spoke to preston", "PLACE:preston|PERSON:callum|PERSON:preston" },
  /* a law's acronym is no name */
  { "(RIPA authority not needed)", "" },
  /* initials of a person named in full, anywhere in the note, with a
   * particle or a hyphen's part; not another's, not an NI number */
  { "Present: Mr Tadhg \xc3\x93 Murch\xc3\xba; Gareth Pugh-Davies; Nkechi Ibekwe\n"
    "A16 | check the file | GPD | open\nT\xc3\x93M to write. A15 | NI | done. NI number. GT | open",
    "PERSON:Mr Tadhg \xc3\x93 Murch\xc3\xba|PERSON:Gareth Pugh-Davies|PERSON:Nkechi Ibekwe|"
    "PERSON:GPD|PERSON:T\xc3\x93M|PERSON:NI" },
  /* initials that are a word of the stop list only alone in a table's cell */
  { "Gary Pritchard came. The GP says fine. A1 | GP | open",
    "PERSON:Gary Pritchard|PERSON:GP" },
  { "Jo Sharples came. Later J.S. rang; the U.K. and the NHS", "PERSON:Jo Sharples|PERSON:J.S." },
  /* a police force's area or a combined authority's is no place; a
   * station's town is, and so is a county elsewhere */
  { "told Kent Police, WEST YORKSHIRE POLICE and north wales police; Greater Manchester "
    "Combined Authority; at Croydon police station; she lives in Kent",
    "PLACE:Croydon|PLACE:Kent" },
  /* a police force's name at the very end of the text */
  { "Shared with Devon and Cornwall Police.", "" },
  /* the days of a diary before a dash are no names; a name after a dash is */
  { "Mon \xe2\x80\x94 drop-in\nThu - RHI by Kirsty\nTue \xe2\x80\x93 quiet", "PERSON:Kirsty" },
  /* a business named with ordinary words before its trade, inside a
   * sentence, after "the" or a possessive, or a number; not a club */
  { "He waits at the Anchor Bar, near Perfect Fried Chicken and Sunny's Chicken; a taxi from "
    "Five Star Private Hire; booked via Harbourside Stays. At the Youth Club. Fried Chicken is "
    "cheap.",
    "INSTITUTION:Anchor Bar|INSTITUTION:Perfect Fried Chicken|INSTITUTION:Sunny's Chicken|"
    "INSTITUTION:Five Star Private Hire|INSTITUTION:Harbourside Stays" },
  /* who speaks in a chat export with a date before the time; "uncle" in
   * lower case is a name's title; a school named after a town with a word */
  { "05/11/2023, 23:04 - Dom: wiv tayo\n[05.11.23 23:05] Leanne Hutchings: tell her uncle ray\n"
    "12/04/2024 - note: picks girls up from leyton fields academy",
    "PERSON:Dom|PERSON:tayo|PERSON:Leanne Hutchings|PERSON:uncle ray|"
    "INSTITUTION:leyton fields academy" },
  { "1/2/2024, 10:00 - Summer: my uncle said no. the big green school", "" },
  /* rows of a list of suspects, surname first, the date of birth after */
  { "Ahmadi, Shafiq; 09-09-1990; no fixed abode\nOkoro-Williams, Emmanuel; 1988-02-27; none\n"
    "Whelan, Liam Patrick | 5/5/85 | none",
    "PERSON:Ahmadi, Shafiq|DATE_OF_BIRTH:09-09-1990|PERSON:Okoro-Williams, Emmanuel|"
    "DATE_OF_BIRTH:1988-02-27|PERSON:Whelan, Liam Patrick|DATE_OF_BIRTH:5/5/85" },
  { "DOB 14/12/1998, as the adult.\n15/03/2024 missing", "DATE_OF_BIRTH:14/12/1998" },
  /* a settlement that is no other word, inside a sentence; not at its start */
  { "- YP2 -> Mayesbrook Park -> Dagenham -> flat\nDagenham is far", "PLACE:Dagenham|PLACE:Dagenham" },
  { "Dagenham is far. Went to Ilford.", "PLACE:Ilford" },
  /* a British spelling of an English word is no surname */
  { "Neighbours said they saw him. Mr Seymour came.", "PERSON:Mr Seymour" },
  /* a bar named for its food, a shop where something was bought */
  { "They ate at the Snack Bar; trainers from Primark", "" },
  /* a shop of a chain where someone was; not a brand, nor a word */
  { "him: outside tesco on the corner. a Tesco bag. she wore boots; met a lad outside boots; "
    "pick u up at the Spar 9pm",
    "INSTITUTION:tesco|INSTITUTION:boots|INSTITUTION:Spar" },
  /* firms named with "&": partners, and a second trade; trades of every
   * kind; a name no dictionary has before a cue in lower case, not a
   * girl's sixth form nor a town's shopping centre */
  { "Gwilym Lister & Co Solicitors wrote. She worked at Gold Nails & Beauty, then at "
    "Kilburn Halal Meat & Grocery and Quedgeley Tyres & Exhausts; KB & Tia came",
    "INSTITUTION:Gwilym Lister & Co Solicitors|INSTITUTION:Gold Nails & Beauty|"
    "INSTITUTION:Kilburn Halal Meat & Grocery|INSTITUTION:Quedgeley Tyres & Exhausts|"
    "PERSON:KB|PERSON:Tia" },
  { "They met at Merseyway shopping centre, not the Leeds shopping centre; Bianca's "
    "sixth form; at Deeside Shopping Park; Anadolu Ocakbaşı on Kirkgate",
    "INSTITUTION:Merseyway shopping centre|PLACE:Leeds|PERSON:Bianca|"
    "INSTITUTION:Deeside Shopping Park|INSTITUTION:Anadolu Ocakbaşı" },
  /* a taxi firm named with a word that starts another cue ("Town Hall");
   * a cue before "of" and a name no dictionary has */
  { "the taxi belonged to Town Cars; a visit to the University of Wearside; dinner at "
    "Spice of Sylhet; the College of Policing and the University of London",
    "INSTITUTION:Town Cars|INSTITUTION:University of Wearside|INSTITUTION:Spice of Sylhet" },
  /* councils named after several towns, a Welsh council named first;
   * towns of Northern Ireland and cities abroad */
  { "The council (Bournemouth, Christchurch and Poole Council) and Cyngor Gwynedd replied; "
    "she was found in Harryville with a man from Kabul",
    "PLACE:Bournemouth, Christchurch and Poole Council|PLACE:Cyngor Gwynedd|PLACE:Harryville|"
    "PLACE:Kabul" },
  /* a title that is a surname after a first name; initials of people
   * named in the note before what they are to do, even when they spell a
   * word or an acronym, but not "the GP" */
  { "Present: Ms Kerry-Ann Bishop, Miss Tamsin Orr, Georgie Pickering, Mr Cormac Ó Dálaigh. "
    "Actions: TO to write; GP to send the minutes; COD to phone. The GP to review meds.",
    "PERSON:Ms Kerry-Ann Bishop|PERSON:Miss Tamsin Orr|PERSON:Georgie Pickering|"
    "PERSON:Mr Cormac Ó Dálaigh|PERSON:TO|PERSON:GP|PERSON:COD" },
  { "Present: Bishop Tom Ryan. LA to write to the school.", "PERSON:Bishop Tom Ryan" },
  /* a town inside a street's short form; a pub's name of several words
   * without "the"; a street's word inside a hotel's name, not a court's */
  { "a flat on Stafford St. She drank at Wagon and Horses, then at Royal Oak; stayed at the "
    "Seaview Court Hotel; Leeds Combined Court Centre; the Fir Tree pub in Reddish",
    "PLACE:Stafford St|INSTITUTION:Wagon and Horses|INSTITUTION:Royal Oak|"
    "INSTITUTION:Seaview Court Hotel|PLACE:Leeds|INSTITUTION:Fir Tree|PLACE:Reddish" },
  /* initials who are to do something: in brackets after an action, before
   * "will", spelling a stop word, with accents, after "Lead:"; not an
   * acronym defined after its name, nor "IT"; a partnership named after
   * its area names no place */
  { "Write to the council (FB). Chase the data (TW, by Friday). The Leeds Safeguarding "
    "Partnership (LSP) met.\n- SIR to draft the letter. IT to fix the laptop.\n"
    "Agreed: KB will write to the chief constable.\nLead: DÓD\nThe report (CSE) was read.",
    "PERSON:FB|PERSON:TW|PERSON:SIR|PERSON:KB|PERSON:DÓD" },
  /* a firm named with English words where someone works or was, or in
   * apposition to "company"; not a course nor goods */
  { "He works for Sentinel Guarding. Training in Safer Recruitment. She was a driver at "
    "Fenland Fresh Produce. The security company, Castle Guarding, shares a radio. Fresh "
    "Produce is sold.",
    "INSTITUTION:Sentinel Guarding|INSTITUTION:Fenland Fresh Produce|"
    "INSTITUTION:Castle Guarding" },
  /* shopping centres named without "centre"; one named like a district
   * only where someone was */
  { "They met at the Bullring, then Meadowhall; at Westfield. She lives in Westfield.",
    "INSTITUTION:Bullring|INSTITUTION:Meadowhall|INSTITUTION:Westfield|PLACE:Westfield" },
  /* a room named with words that are names too, after "the", but "the
   * Jade Smith case" is hers; a Welsh council's formal name */
  { "We met in the Rose Garden. The Jade Smith case. RP to write to City and County of "
    "Swansea leaving care team.",
    "PERSON:Jade Smith|PERSON:RP|PLACE:City and County of Swansea" },
  /* a lake or a reservoir named after its place; a Welsh park */
  { "introduced them at Pennington Flash; stayed at Parc Gwyliau Glan Môr near Tywyn",
    "PLACE:Pennington Flash|INSTITUTION:Parc Gwyliau Glan Môr|PLACE:Tywyn" },
  /* a saint's church or school named without its cue, after a section's
   * letter too; not a saint's day */
  { "B. St Saviour's youth group\nShe goes to St Mary's. On St Patrick's Day.\n"
    "A. Masjid Noor-ul-Huda, Bury Park",
    "INSTITUTION:St Saviour's|INSTITUTION:St Mary's|INSTITUTION:Masjid Noor-ul-Huda|"
    "PLACE:Bury Park" },
  /* a first name alone between "the" and a word names a thing, but "the
   * Smith family" is theirs; a police force's acronym names no one */
  { "Mrs Jo Whitworth described the Phoenix team. The Amir case. DI Marcus Oyelaran (GMP) "
    "came.",
    "PERSON:Mrs Jo Whitworth|PERSON:Amir|PERSON:DI Marcus Oyelaran" },
  /* initials never spelled out, by where they stand: a table's column of
   * owners, a possessive, after "notes", in brackets before a colon,
   * between dashes; and then wherever else they stand alone; not an
   * acronym in the same column, a teacher's subject, "the GP" */
  { "| No | Action | Owner |\n|---|---|---|\n| A3 | Request reports | FB |\n"
    "| A4 | Write to the council | SIR |\n| A5 | Check data | CSE |\n"
    "Tel. note — TW — 15/10\nTyped up from AGT's notes; notes NHL.\n"
    "Panel note (KM): the entries are missing. Mr Kaczmarek (PE): she left.\n"
    "FB typing, SIR + AGT present. The GP said.",
    "PERSON:FB|PERSON:SIR|PERSON:TW|PERSON:AGT|PERSON:NHL|PERSON:KM|PERSON:Mr Kaczmarek|"
    "PERSON:FB|PERSON:SIR|PERSON:AGT" },
  { "Panel: MT (chair), KAM, HKS; EMGB (secretary)\n- EMGB to circulate the minutes.",
    "PERSON:MT|PERSON:KAM|PERSON:HKS|PERSON:EMGB|PERSON:EMGB" },
  /* councils named with "&", a point of the compass, in lower case, not a
   * verb and a town taken for a person */
  { "placed by Telford & Wrekin Council and West Glamorgan County Council\n- q: links w/ "
    "suffolk county council?\n| A8 | Chase Derby City Council for entries |",
    "PLACE:Telford & Wrekin Council|PLACE:West Glamorgan County Council|"
    "PLACE:suffolk county council|PLACE:Derby City Council" },
  /* a project's or a venue's cue after two capitalised words; after one
   * where someone was; not a community project nor a training course */
  { "We met Platform Youth Project staff; Becky (Compass Return Project) said. She "
    "worked at Lush Nails and was seen at Pilgrim Hospital, then the Cue Ball Club. The "
    "Community Project met. Safer Recruitment training.",
    "INSTITUTION:Platform Youth Project|PERSON:Becky|INSTITUTION:Compass Return Project|"
    "INSTITUTION:Lush Nails|INSTITUTION:Pilgrim Hospital|INSTITUTION:Cue Ball Club" },
  /* schools, shopping centres of other names */
  { "She attends Brumby Grange Comprehensive and Hadley Learning Community; they met at "
    "Drake Circus and Derbion.",
    "INSTITUTION:Brumby Grange Comprehensive|INSTITUTION:Hadley Learning Community|"
    "INSTITUTION:Drake Circus|INSTITUTION:Derbion" },
  /* the health service's boards of several places, towns' children's
   * companies and trusts; apps, drinks and Gillick name no one */
  { "NHS Ayrshire & Arran and NHS Lothian were told; NHS Fife and Jade Smith came. Slough "
    "Children First, Doncaster Children's Services Trust and the belfast trust. She drank "
    "Smirnoff, used Yubo, was Gillick competent.",
    "PERSON:Jade Smith" },
  /* a surname that is a stop word after a first name, but not before a
   * noun of care; places side by side that are a first name and surnames */
  { "Child's name: Kimberley Ann Foster\nParent: Maxine Foster (mother)\nKelly Foster "
    "carer. Young people met.\nJordan Lee Haigh said he was 15.",
    "PERSON:Kimberley Ann Foster|PERSON:Maxine Foster|PERSON:Kelly|PERSON:Jordan Lee Haigh" },
  /* places of worship named with a title or a particle; a company's
   * legal suffix after any capitalised words; a Gaelic surname with "an
   * t-"; a chain's shop where it is; a pub named "and" */
  { "We visited Gurdwara Sri Guru Nanak Darbar and Masjid an-Noor. The home is run by "
    "Northern Lights Care Ltd. Mr Mac an t-Saoir agreed. A (Ch Supt MacLeòid): yes. She said "
    "it came from Bargain Booze on Uttoxeter Road, then a lift from the Crown and Anchor.",
    "INSTITUTION:Gurdwara Sri Guru Nanak Darbar|INSTITUTION:Masjid an-Noor|"
    "INSTITUTION:Northern Lights Care Ltd|PERSON:Mr Mac an t-Saoir|PERSON:Ch Supt MacLeòid|"
    "INSTITUTION:Bargain Booze|PLACE:Uttoxeter Road|INSTITUTION:the Crown and Anchor" },
  /* nicknames after "they call", "knew only as", in brackets after a name;
   * initials after an arrow; not a town someone calls something */
  { "a woman they call Bev; a driver she knew only as Spud; Jermaine Clarke (\"JJ\"), 24; "
    "darren mills (\"daz\") waits.\nChloe rang. → NHL to call Thurs. We call Reading a town.",
    "PERSON:Bev|PERSON:Spud|PERSON:Jermaine Clarke|PERSON:JJ|PERSON:darren mills|PERSON:daz|"
    "PERSON:Chloe|PERSON:NHL" },
  /* a business named after its trade, or where it stands */
  /* no person: a weekday or a month alone, a car's model, a festival, a
   * suspect's label, a partnership named "Safer" and its area, a doctor's
   * letters after the name */
  { "Mon. Jas home late. Episodes Jan to Apr: 6. A white Kia Niro and a red Seat Leon. She has "
    "not seen Demi since Hogmanay. Nominal 1 and Nominal 2 eat there. The Safer Plymouth "
    "partnership met. Dr Anjali Raghunathan MBChB MRCGP signed. I spoke with Jan. Jan: I was "
    "there.",
    "PERSON:Jas|PERSON:Demi|PERSON:Dr Anjali Raghunathan|PERSON:Jan|PERSON:Jan" },
  /* under a heading of places, a cell's words are a place; not a street
   * alone, letters, the town centre */
  { "| Venue | Kind | Area |\n|---|---|---|\n| Kandy | sweet shop | Marsh Farm |\n| Hodan's | café | Dallow |\n| Kebab Kingdom | takeaway | Union Street |\n| Pizza Uno | takeaway | MIR |\n| Zest | café | Town centre |",
    "INSTITUTION:Kandy|PLACE:Marsh Farm|INSTITUTION:Hodan's|PLACE:Dallow|"
    "INSTITUTION:Kebab Kingdom|INSTITUTION:Pizza Uno|INSTITUTION:Zest" },
  /* initials labelling a dialogue's lines beside others', and a note's
   * last line of initials; not a keyword's nor a role's label */
  { "Panel: HA (chair), JS.\nHA: Where were you living?\nW14: In Whitley.\nHA: And then?\nW14: A flat.\nJS: Did anyone ask?\nNB: the witness asked for a break.\nDSL: informed.\n\nNothing further. Next review in two weeks.\n— TT / JR",
    "PERSON:HA|PERSON:JS|PERSON:HA|PLACE:Whitley|PERSON:HA|PERSON:JS|PERSON:TT|PERSON:JR" },
  /* in rough notes, first names in lower case: with "'s" and a word
   * before what is theirs, beside someone by "and", "&" or "or", before
   * "said", after "ask", "tell" or "w/"; not a word after "the" */
  { "19:05 met kaylan & reece by the bus station. kaylan says connor's older brother jordan sorts them out.\n19:30 summer and reece came over. summer said she's back. asked about the summer trip - told her to ask jen. reece called him baz or bazza. adnan and didnt come home. the man said no.",
    "PERSON:kaylan|PERSON:reece|PERSON:kaylan|PERSON:connor|PERSON:jordan|PERSON:summer|"
    "PERSON:reece|PERSON:summer|PERSON:jen|PERSON:reece|PERSON:baz|PERSON:bazza|"
    "PERSON:adnan" },
  /* a note that starts with "and" and a business before a street; a
   * signature in lines ended by "\r\n"; "follows up the" is no visit; a
   * partnership at the text's end */
  { "and Megafone on Clayton Street. She follows up the Complaint.\r\n\r\nQXZ / JVK\r\n\r\n"
    "Referred by the Safer Plymouth partnership.",
    "PERSON:Megafone|PLACE:Clayton Street|PERSON:QXZ|PERSON:JVK" },
  /* a name its writer explains at once as a venue, then found again
   * after "the", in quotes or after "from"; not a description, a list or
   * a kind */
  { "7.45 text: at the fountain wiv kace. the fountain = old pub on freeman st. She has "
    "stopped going to the Mint (the snooker hall on Magdalen Street). My understanding: "
    "\"kestrel\" is Kestrel Court, the short breaks unit. mums gettin me from kestrel at 6. "
    "The worst place was a shisha lounge. The older was later picked up from school. "
    "Lifts up to the kowloon. (Kowloon is the Chinese takeaway at the top.) Seagull Park is a "
    "caravan site. Mason is a pupil at the school. She stays at the Tower (the hostel on Leek "
    "Road), not the tower block.",
    "INSTITUTION:fountain|INSTITUTION:fountain|PLACE:freeman st|INSTITUTION:Mint|"
    "INSTITUTION:kestrel|INSTITUTION:Kestrel Court|INSTITUTION:kestrel|INSTITUTION:kowloon|"
    "INSTITUTION:Kowloon|INSTITUTION:Seagull Park|INSTITUTION:Tower|PLACE:Leek Road" },
  /* a venue explained by its whole name or said again with a capital and
   * its kind; not a defined party, the owners, nor a park's lodge */
  { "Notes: the Vic (Victoria Tavern) on the corner. \"the bank\" - the Bank, pub on the "
    "corner. MIRZA SEEN AT SPOONS (THE CLOTH HALL) WITH FEMALES. MP to write to the owners "
    "(Aire Valley Hospitality Ltd). Evidence of the Defendant (Brightpath Fostering Ltd). "
    "The gates of the lodge in the park - the lodge gates at the park.",
    "INSTITUTION:Vic|INSTITUTION:Victoria Tavern|INSTITUTION:bank|INSTITUTION:Bank|"
    "PERSON:MIRZA|INSTITUTION:SPOONS|INSTITUTION:Aire Valley Hospitality Ltd|"
    "INSTITUTION:Brightpath Fostering Ltd" },
  /* a review's label of a word and a number is no one: "Resident 2" */
  { "Nobody asked Resident 2 about it. Subject: RE: Request 3 of 5. Participant 14 said so. "
    "She went with Jade.",
    "PERSON:Jade" },
  /* a post's words alone are no one; before a name they are its title */
  { "Ask the Detective Chief Inspector for Public Protection to agree. He wrote to the Chief "
    "Executive of Rochdale. 8. The Guardian, Ms Thwaite, supported it. From the Cabinet Member "
    "for Children and Young People, Cllr Mick Fairbairn. Present: Detective Chief Inspector "
    "Jamie Kerrigan.",
    "PLACE:Rochdale|PERSON:Ms Thwaite|PERSON:Cllr Mick Fairbairn|"
    "PERSON:Detective Chief Inspector Jamie Kerrigan" },
  /* small initials signing a note's end: alone, after a sentence and a
   * dash, beside another's by a slash; not a sign-off word */
  { "Told him to quote it on the envelope. — hn", "PERSON:hn" },
  { "YOS not involved.\nks", "PERSON:ks" },
  { "book checked, see the note.\n— SR / jt", "PERSON:SR|PERSON:jt" },
  { "see you then.\nlol", "" },
  /* a district in a road's name without a house number; not a word of
   * the language, a home's or a park's name */
  { "The club on Firth Park Road. The takeaway on Childwall Valley Road. On Leek Road and "
    "Bank Street.\nmet them near the tesco on cheetham hill rd",
    "PLACE:Firth Park|PLACE:Childwall|PLACE:Leek Road|INSTITUTION:tesco|PLACE:cheetham hill" },
  /* a home known by its number, and found again; not a count's */
  { "She was dropped back to Number 9 by a taxi. Number 9 is supported accommodation. He was "
    "Number 2 on the list. Staff call it \"Number 3\".\n| No. 22 (move-on house) | open |",
    "INSTITUTION:Number 9|INSTITUTION:Number 9|INSTITUTION:Number 3|INSTITUTION:No. 22" },
  /* a word someone is called by, any word: "the one they call Sniper" */
  { "The one they call Sniper was older. I never saw Sniper's face. A lad everyone calls Spud "
    "was there. We call Reading a town.",
    "PERSON:Sniper|PERSON:Sniper|PERSON:Spud" },
  /* a body named with a name first and its kind last; not a name that
   * ends in a kind's word */
  { "Note of the visit to the Annick Sexual Health Clinic, Kilmarnock. Recruited from Kibble "
    "Education and Care Centre. Sarah said Jade Hall was there.",
    "INSTITUTION:Annick Sexual Health Clinic|PLACE:Kilmarnock|"
    "INSTITUTION:Kibble Education and Care Centre|PERSON:Sarah|PERSON:Jade Hall" },
  /* a firm by a name and its trade; not a council's or a health
   * service's, nor a trade's words alone */
  { "The club asked Tay Security Services to patrol it. Worker, Lanternhouse Youth Services. "
    "Leeds Youth Services and Specialist Training were told.",
    "INSTITUTION:Tay Security Services|INSTITUTION:Lanternhouse Youth Services|PLACE:Leeds" },
  /* a name and "'s" with no noun after it names a place; before a noun the
   * name is someone's */
  { "Drivers at the rank outside Antonio's said girls are picked up. Visits between Marco's "
    "and Nico's. Kayla's mum rang.",
    "INSTITUTION:Antonio's|INSTITUTION:Marco's|PERSON:Nico's|PERSON:Kayla" },
  /* two places joined by "and" before the kind name one body; a column of
   * providers in comma-separated values */
  { "He wants to go to Nelson and Colne College. Attending Dundee and Angus College.\n"
    "provider,role,contact\nHarestane House,residential,n/a\nKelvin Lodge,supported,n/a",
    "INSTITUTION:Nelson and Colne College|INSTITUTION:Dundee and Angus College|"
    "INSTITUTION:Harestane House|INSTITUTION:Kelvin Lodge" },
  /* initials keyed to names, found again where someone acts, not as the
   * word; a chat's speakers before their times */
  { "In: IT (chair), WE, OR, Hollie\n1. IT gave out 4 new ones. ME takes the group. WE all "
    "need new passwords OR the tokens fail.\nKey: IT Imogen Thurlow, WE Wendy Eke, OR Olumide "
    "Rotimi, ME Meera Easwaran.",
    "PERSON:IT|PERSON:WE|PERSON:OR|PERSON:Hollie|PERSON:IT|PERSON:ME|PERSON:IT|"
    "PERSON:Imogen Thurlow|PERSON:WE|PERSON:Wendy Eke|PERSON:OR|PERSON:Olumide Rotimi|"
    "PERSON:ME|PERSON:Meera Easwaran" },
  { "dani w 09:02: morning. anyone heard?\nmo 09:04: not me\ndani w 09:05: which one\n"
    "mo 09:05: ask mo",
    "PERSON:dani w|PERSON:mo|PERSON:dani w|PERSON:mo|PERSON:mo" },
  /* a chain's shop named by its street or place, where someone was */
  { "She is picked up at the Spotland Road Spar. He waits at the Whitfield Spar.",
    "INSTITUTION:Spotland Road Spar|INSTITUTION:Whitfield Spar" },
  /* a log's entry signed at its end in brackets or after a dash; not an
   * agency's letters */
  { "21:00 Debrief with the girl. (RB)\n22:10 No contacts listed. -- MK\n"
    "Referred to the team. (CSC)\nSeen by the nurse. (GP)",
    "PERSON:RB|PERSON:MK" },
  /* a body's first word found again, a word of the language too: inside
   * a sentence, or first before a deed or a dash */
  { "Keystone Childcare Ltd runs Rowan Lodge. Keystone sent policies only. Horizon Pathways "
    "CIC runs lodgings.\nHorizon - unregulated at the time. A horizon of hope. Level 1 course.",
    "INSTITUTION:Keystone Childcare Ltd|INSTITUTION:Rowan Lodge|INSTITUTION:Keystone|"
    "INSTITUTION:Horizon Pathways CIC|INSTITUTION:Horizon" },
  /* an item in a list of places is a place; not a name after a town, nor
   * a street before its town */
  { "Areas covered: Townhill, Mayhill, Blaenymaes, Penlan. She lives in Leeds, Jade said. "
    "Seen on Kirkgate, Wakefield.",
    "PLACE:Townhill|PLACE:Mayhill|PLACE:Blaenymaes|PLACE:Penlan|PLACE:Leeds|PERSON:Jade|"
    "PLACE:Wakefield" },
  /* a home's or a building's name where someone is or goes; not a court
   * of a kind, nor a kind of place */
  { "Kerry-Ann back at Lavender Court. She was placed at Meadow View and drove to the "
    "Fountain Clinic. She went to the Youth Court and then to the Walk-in Centre.",
    "PERSON:Kerry-Ann|INSTITUTION:Lavender Court|INSTITUTION:Meadow View|"
    "INSTITUTION:Fountain Clinic" },
  /* one capitalised word after "the" where someone goes: a business; not
   * an office, a word before a noun, a surname followed up */
  { "He trains at the Forge most days. Lacey came to the Orchard at break. She still goes up "
    "the Mint every weekend and hangs round the Galaxy with friends. We will follow up the "
    "Brenner referral. Evidence was given at the Inquiry, then at the Summer fair.",
    "INSTITUTION:Forge|PERSON:Lacey|INSTITUTION:Orchard|INSTITUTION:Mint|INSTITUTION:Galaxy|"
    "PERSON:Brenner" },
  /* where someone was, before "on" and a street: a business, in capitals
   * or lower case, with "&" inside; not a kind of place, an agency, a
   * person's home */
  { "Rai works at Kutz & Kurlz on Southchurch Road and a flat above Chicken Hut on Bradford "
    "Road. meet me outside lucky dragon on anlaby rd. MAHMUTI WORKS AT MEGAFONE ON CLAYTON ST. "
    "He waited at the shop on Bolton Road, at bus stop on Hull Road and at Social Services on "
    "King Street; she was at her nan's on Moor Lane.",
    "PERSON:Rai|INSTITUTION:Kutz & Kurlz|PLACE:Southchurch Road|INSTITUTION:Chicken Hut|"
    "PLACE:Bradford Road|INSTITUTION:lucky dragon|PLACE:anlaby|INSTITUTION:MEGAFONE|"
    "PLACE:Bolton Road|PLACE:Hull Road" },
  { "He spoke about the Empire on Corporation Road. A chippy in Baillieston, the Codfather. "
    "They ran a takeaway, Golden Harbour, on Wellington Street, and Bailey's on Freeman "
    "Street. His mate, Tom Jones, said.",
    "INSTITUTION:the Empire|PLACE:Baillieston|INSTITUTION:the Codfather|INSTITUTION:Golden Harbour|"
    "PLACE:Wellington Street|INSTITUTION:Bailey's|PERSON:Tom Jones" },
  /* in lower case, a short first name before a surname, a first name and
   * a surname's letter, a short form of a name after "mum" */
  { "met grp outside the shop. shanice, courtney b, tegan + 3 lads. courtney's mum bev "
    "messaged. met jo ridley (head of safeguarding). i saw him in b and q.",
    "PERSON:shanice|PERSON:courtney b|PERSON:tegan|PERSON:courtney|PERSON:bev|"
    "PERSON:jo ridley" },
  /* short forms of months no one is called, a job's title, an operation
   * named again without its word, a group chat's name, a promenade */
  { "Charged Aug. Jan-24 | Amelia moved. Worker: Daniela Ferreira, Senior Practitioner. "
    "Dec said hi. They are defendants in Operation Harrier. The URN for Harrier is "
    "10HN0439125. They run a group chat called \"The Block\". The hotel is on Queen's "
    "Promenade.",
    "PERSON:Amelia|PERSON:Daniela Ferreira|PERSON:Dec|REFERENCE:10HN0439125" },
  /* gyms, football clubs, recreation grounds and bus stations; two of them
   * joined by "and" stay two */
  { "He coaches at Ashfield Boxing Gym and plays for Hucknall Town FC. They met at Oakwood "
    "Recreation Ground and Broad Street Bus Station. Physical fitness is good.",
    "INSTITUTION:Ashfield Boxing Gym|INSTITUTION:Hucknall Town FC|"
    "INSTITUTION:Oakwood Recreation Ground|INSTITUTION:Broad Street Bus Station" },
  /* a venue named by a word in no list after "at the", "to the"; a venue
   * before its trade in lower case; not an event */
  { "They went to the Kasbah nightclub. She was at the Zanzibar on Friday; then to the "
    "Olympics.",
    "INSTITUTION:Kasbah|INSTITUTION:Zanzibar" },
  /* a chain's shop and a centre joined by "&" stay two; a venue's "'s"
   * before its trade; a hospital someone attends */
  { "drivers hang round Nando's & Telford Centre at night; girls taken to the Cinderella's "
    "nightclub; she attends Pilgrim Hospital weekly",
    "INSTITUTION:Nando's|INSTITUTION:Telford Centre|INSTITUTION:Cinderella's|"
    "INSTITUTION:Pilgrim Hospital" },
  /* a name before "aka"; initials with dots after "initials"; initials
   * with "Mc" or "Ní" inside before what they are to do; a Welsh house */
  { "possibly Jordan Salt aka \"Salty\". He gives her initials, T.R., to the head.\n"
    "DMcC to update the log; ONíD to add the number.\nThe home, Tŷ Gwyn, in Sketty.",
    "PERSON:Jordan Salt|PERSON:Salty|PERSON:T.R.|PERSON:DMcC|PERSON:ONíD|"
    "INSTITUTION:Tŷ Gwyn|PLACE:Sketty" },
  /* what a place of trade is called is its name, not a person's; seaside
   * attractions */
  { "They met at a takeaway called Golden Harbour; a nightclub called Bliss; a man called "
    "Tony Smith. She was taken to Fantasy Island and the Pleasure Beach.",
    "INSTITUTION:Golden Harbour|INSTITUTION:Bliss|PERSON:Tony Smith|"
    "INSTITUTION:Fantasy Island|INSTITUTION:Pleasure Beach" },
  /* a date after a name before a full stop, after a nickname in brackets,
   * and an Act's year is no year of the note's */
  { "He is on the system as Craig Whyte, 21.09.1993. Phone him.",
    "PERSON:Craig Whyte|DATE_OF_BIRTH:21.09.1993" },
  { "He is Stephen Ruttle (Smiley), 03.08.2001; under the Sexual Offences Act 2003.",
    "PERSON:Stephen Ruttle|DATE_OF_BIRTH:03.08.2001" },
  /* capitals and numbers a log numbers what it holds by, named twice with
   * other numbers */
  { "Numbers first: new submissions (SUB 0424 to SUB 0446), 9 survey responses.",
    "REFERENCE:SUB 0424|REFERENCE:SUB 0446" },
  /* in a signature, the employer after someone's post, the note's last
   * words too; not a team of words, not a council */
  { "Morven Skinner\nDevelopment Worker, Tayside Youth Link\nGareth Holroyd\nTeam Leader, Taxi "
    "Licensing\nJo Bloggs\nSocial Worker, Leeds City Council\nDirector, Zorblaxia",
    "PERSON:Morven Skinner|INSTITUTION:Tayside Youth Link|PERSON:Gareth Holroyd|"
    "PERSON:Jo Bloggs|PLACE:Leeds City Council|INSTITUTION:Zorblaxia" },
  /* initials a writer defines for the capitalised words before them, and
   * the same initials elsewhere; not an agency's, a term's or a kind's
   * made of words, not a person's */
  { "Pennine Pathways Housing (\"PPH\") is a housing association. PPH runs flats. The "
    "Multi-Agency Safeguarding Hub (MASH) and Child Criminal Exploitation (CCE). Officers: "
    "Leanne Fitton (LF). He was sent to a Young Offender Institution (YOI).",
    "INSTITUTION:Pennine Pathways Housing|INSTITUTION:PPH|INSTITUTION:PPH|"
    "PERSON:Leanne Fitton|PERSON:LF" },
  /* inside a sentence, a capital "The" and one capitalised word, with the
   * name found before too; not a paper, not a name of several words; at a
   * sentence's start only a name found elsewhere */
  { "A teacher referred her to The Nest in January. Collected from The Moorings, a home. "
    "She read it in The Times. As set out in The Children Act. The Nest girls said so.",
    "INSTITUTION:The Nest|INSTITUTION:The Moorings|INSTITUTION:The Nest" },
  /* capitalised words before a word a body's name ends in are its name;
   * not a public body's, not a group of a meeting, not a national one
   * after "The", not a trust named after its town */
  { "I enclose the submission of Harbour Lights Youth Trust. A grant from the Bay Community "
    "Foundation. Minutes of the Operational Group. Guidance from The Fostering Network. Mersey "
    "Care NHS Foundation Trust has finished. She was with the Belfast Trust.",
    "INSTITUTION:Harbour Lights Youth Trust|INSTITUTION:Bay Community Foundation" },
  /* a name that is a word too, found once, found again where a person is
   * said to do something; not where it is only a word */
  { "The boys were called Major and Tyrese. Major is a nickname, I think. It was a Major "
    "incident.",
    "PERSON:Major|PERSON:Tyrese|PERSON:Major" },
  /* an exhibit's mark after "exhibit", and the same initials again */
  { "I produced the phones as exhibits KLM/1 and KLM/2. Box 14 holds them; see also KL/3.",
    "REFERENCE:KLM/1|REFERENCE:KLM/2" },
  /* a body's name of three words or more named again by its first two
   * or more; not a street's, not a person's */
  { "The nurse visits Allendale Moor School. Staff at Allendale Moor have no access. A "
    "placement with Kinder Care Group plc; Kinder Care told us so. Hope Street Youth Club meets "
    "on Hope Street. Agnes McCready House is named for Agnes McCready, who founded it.",
    "INSTITUTION:Allendale Moor School|INSTITUTION:Allendale Moor|"
    "INSTITUTION:Kinder Care Group plc|INSTITUTION:Kinder Care|"
    "INSTITUTION:Hope Street Youth Club|INSTITUTION:Agnes McCready House|"
    "PERSON:Agnes McCready" },
  /* under a heading of premises, schemes or providers: a cell's
   * capitalised words to its comma or slash, with a number; not a
   * national charity, no one, a council (a place) */
  { "| Premises | Address | Visits |\n|---|---|---|\n| Uncle Sam's | Green Lane Road | 2 |\n"
    "| Pizza Go Go | 71 Hinckley Road | 2 |\n\n| Scheme | Beds |\n|---|---|\n"
    "| Number 9 / Wardle House | 4 |\n| The Old Mill, Skipton | 38 |\n\n"
    "| Organisation | Route |\n|---|---|\n| Barnardo's | portal |\n| Anonymous | e-mail |\n"
    "| Wigan Council | portal |",
    "INSTITUTION:Uncle Sam's|PLACE:Lane Road|INSTITUTION:Pizza Go Go|ADDRESS:71 Hinckley Road|"
    "INSTITUTION:Number 9|INSTITUTION:Wardle House|INSTITUTION:The Old Mill|PLACE:Skipton|"
    "PLACE:Wigan Council" },
  /* the employer between commas after a person's name and post, in a
   * sentence, and the same name again though a town's name begins it */
  { "Kirsty Doig, Development Worker, Taybank Youth Link, said so. Ms Andrea Platt, Team "
    "Manager, Kirkby Open Door, told us. Wigan Lanterns and Kirkby Open Door send a list. The "
    "Chair, Social Services, said no.",
    "PERSON:Kirsty Doig|INSTITUTION:Taybank Youth Link|PERSON:Ms Andrea Platt|"
    "INSTITUTION:Kirkby Open Door|PLACE:Wigan|INSTITUTION:Kirkby Open Door" },
  /* a company's initials after words in any case: its name ("Kinship
   * Lodgings CIC", "Kinder Care Group plc") */
  { "Monitoring visit to Kinship Lodgings CIC. A placement with Kinder Care Group plc. Support "
    "is delivered by Keyring Pathways CIC and AMBER HOMES LTD. The Children Act says so.",
    "INSTITUTION:Kinship Lodgings CIC|INSTITUTION:Kinder Care Group plc|"
    "INSTITUTION:Keyring Pathways CIC|INSTITUTION:AMBER HOMES LTD" },
  /* a writer's own initials for an institution the note names in full,
   * with or without its "The"; not an agency's; a home by the kind of
   * housing it is */
  { "The Kirkby Youth Project (everyone calls us the KYP) meets at Park View Academy. PVA "
    "and the KYP share a minibus; the CCG pays. She moved to Kennet View (semi-independent, "
    "run by a charity).",
    "INSTITUTION:The Kirkby Youth Project|INSTITUTION:KYP|INSTITUTION:Park View Academy|"
    "INSTITUTION:PVA|INSTITUTION:KYP|INSTITUTION:Kennet View" },
  /* a word someone is called, even an ordinary one: after "the girls
   * call" before a stop, "calls himself", "known to … as" further back,
   * "her name was", "called me", and in a log in capitals after "AS";
   * not what "we call" a town */
  { "A man the girls call Chalky, and Chalky's pal. A man who calls himself Lucky. Known to "
    "the lads at the rank as Lanky. She said her name was Summer. They called me Princess. "
    "KNOWN TO OFFICERS AS TANK. GAVE NAME AS KIERAN ONLY. We call Reading a town.",
    "PERSON:Chalky|PERSON:Chalky|PERSON:Lucky|PERSON:Lanky|PERSON:Summer|PERSON:Princess|"
    "PERSON:TANK|PERSON:KIERAN" },
  /* a house's number and a street of one word, where someone lives or
   * went, before the town; a block of flats by its letter; not counts of
   * a list of towns, nor an age */
  { "SEEN AT 17 MOORSIDE, HUYTON. Lives at 3 Penrallt on Blaenymaes, then taken to "
    "2 Esplanade in Withernsea.\n6 Tregenna, Camborne\nA flat in Block D, Linnet House. "
    "Referrals from 2 Leeds, 3 Bradford; girls aged 14 Leeds, Bradford.",
    "ADDRESS:17 MOORSIDE|PLACE:HUYTON|ADDRESS:3 Penrallt|PERSON:Blaenymaes|"
    "ADDRESS:2 Esplanade|PLACE:Withernsea|ADDRESS:6 Tregenna|PLACE:Camborne|"
    "ADDRESS:Block D, Linnet House|PLACE:Leeds|PLACE:Bradford|PLACE:Leeds|PLACE:Bradford" },
  /* in a log in capitals too, and then where someone was, wherever else
   * the log names it; not the same word starting a sentence, nor a man */
  { "SUBJECT RUNS A SHISHA LOUNGE CALLED MIDNIGHT ON THE HIGH STREET. FEMALES ARE DROPPED OUTSIDE "
    "MIDNIGHT. MIDNIGHT IS WHEN THEY LEAVE. A MAN CALLED DAVE OWNS A TAKEAWAY CALLED GOLDEN "
    "DRAGON.",
    "INSTITUTION:MIDNIGHT|INSTITUTION:MIDNIGHT|PERSON:DAVE|"
    "INSTITUTION:GOLDEN DRAGON" },
  /* where someone works, or what they run, is a business; not a person
   * someone works for, nor an agency */
  { "She works at Zorba on the seafront. He worked at Marco's in town. He runs the "
    "Kebabland with his brother. She worked for Tony Smith. She works for Barnardo's. He "
    "works at Subject 1's car wash.",
    "INSTITUTION:Zorba|INSTITUTION:Marco's|INSTITUTION:Kebabland|PERSON:Tony Smith" },
  /* in lower case, words after "at" and before a trade's cue; not a
   * school, a house, a corner shop */
  { "- lad works at iron forge gym + another at sparkle hand car wash. at big school. at "
    "nans house. at corner shop. went to the gym.",
    "INSTITUTION:iron forge gym|INSTITUTION:sparkle hand car wash" },
  /* a handle after "handle" or "username"; not the word itself */
  { "recruits through Snapchat (handle nuno.periperi23). His username: dazza_99. The handle "
    "was changed.",
    "SOCIAL_HANDLE:nuno.periperi23|SOCIAL_HANDLE:dazza_99" },
  /* a restaurant someone ate at or ordered from; barbers and a boxing club
   * named with words; a recreation ground in short */
  { "She ate at Golden Dragon; we ordered from Jade Garden; food from Amy. He cuts hair at "
    "Fade Masters barbers and trains at Phoenix ABC. She goes to Greenfield Rec.",
    "INSTITUTION:Golden Dragon|INSTITUTION:Jade Garden|PERSON:Amy|INSTITUTION:Fade Masters|"
    "INSTITUTION:Phoenix ABC|INSTITUTION:Greenfield Rec" },
  /* a park after "in", "near"…, named after a person; not a street */
  { "the benches in Albert Park; found near Jubilee Gardens; she lives at 4 Albert Park Road",
    "PLACE:Albert Park|PLACE:Jubilee Gardens|ADDRESS:4 Albert Park Road" },
  /* a nickname in quotes after "names" */
  { "She names \"Spike\" as the driver. The names of the pupils.", "PERSON:Spike" },
  /* a month's short form in a date, not a man named Jan */
  { "Seen Jan 2024 and again on 5 Nov; missing since Aug. Jan Kowalski said; Dec said hi",
    "PERSON:Jan Kowalski|PERSON:Dec" },
  /* a nickname in quotes after a kinship word; a street name's letter */
  { "his friend, \"Shaggy\", films them; his mate \"Little B\" drives",
    "PERSON:Shaggy|PERSON:Little B" },
  /* the health service's bodies name no place; a hospital does */
  { "Betsi Cadwaladr University Health Board, Leeds Teaching Hospitals NHS Trust, the "
    "Belfast Health and Social Care Trust and NHS Lothian were told; Tegan was at "
    "Leeds General Infirmary; her NHS Number is unknown",
    "PERSON:Tegan|INSTITUTION:Leeds General Infirmary" },
  /* a team of English words names no one, a named unit does */
  { "Ruby Kettlewell, Major Crime Review Team; DS Callum Ferrier-Mackie, Public Protection "
    "Unit; she attends Brookfield Pupil Referral Unit",
    "PERSON:Ruby Kettlewell|PERSON:DS Callum Ferrier-Mackie|"
    "INSTITUTION:Brookfield Pupil Referral Unit" },
  /* a month in a date in any language, a language, a word for a mother */
  { "Fri 5 Sept, 20:30. Saw Skye with her mam. Mam said no. Dydd Mercher 10 Medi 2025: "
    "Mr Wahid Noorzai translated from Dari; English Romany Gypsies; on 3 May Kayleigh said",
    "PERSON:Skye|PERSON:Mr Wahid Noorzai|PERSON:Kayleigh" },
  /* a chain named with its "'s" after "the", "by the"; picked up from a
   * shop, not trainers bought from one; a woman, not a betting shop */
  { "met at the McDonald's by the bus station; lives by the Sainsbury's; a McDonald's; "
    "picked her up from Lidl; trainers from JD Sports; seen outside JD Sports; "
    "she was seen by Coral; Mr McDonald's car",
    "INSTITUTION:McDonald's|INSTITUTION:Sainsbury's|INSTITUTION:Lidl|INSTITUTION:JD Sports|"
    "PERSON:Coral|PERSON:Mr McDonald" },
  /* chains of every trade from the list, an everyday word only where someone
   * was and capitalised: "at the next meeting" names no shop */
  { "She was at Bargain Booze, then at Home Bargains and the Caffe Nero; "
    "we meet at the next meeting in the Iceland car park",
    "INSTITUTION:Bargain Booze|INSTITUTION:Home Bargains|INSTITUTION:Caffe Nero|"
    "INSTITUTION:Iceland" },
  /* a kinship word before and an age after make an everyday word a name;
   * without them it stays a word */
  { "my daughter amber is 13 and goes to school", "PERSON:amber" },
  { "the amber light is on; my daughter is 13", "" },
  /* a town of several words written with hyphens; a council named before
   * its place; not "the city of" in lower case */
  { "OF SUTTON-IN-ASHFIELD, AND TOBIAS KIRK. Minutes: London Borough of Lewisham; "
    "referred to Cyngor Gwynedd; the city of Leeds",
    "PLACE:SUTTON-IN-ASHFIELD|PERSON:TOBIAS KIRK|PLACE:London Borough of Lewisham|"
    "PLACE:Cyngor Gwynedd|PLACE:Leeds" },
  /* two unknown words with an age between commas; not a town's count */
  { "Subject 2: Rebin Hawrami, 27, works at a car wash. Rochdale, 14; Oldham, 9.",
    "PERSON:Rebin Hawrami|PLACE:Rochdale|PLACE:Oldham" },
  /* a first name in lower case with a surname's initial; not a chat's words */
  { "- dani says mo k drives the bmw\nmo k = mohammed?\nwho: lewis (not lewis h)\nso k. ye k",
    "PERSON:dani|PERSON:mo k|PERSON:mo k|PERSON:mohammed|PERSON:lewis|PERSON:lewis h" },
  /* a capitalised word in no list, alone inside a sentence where a person
   * is added or set apart, is a name; not an app after a verb, one of a
   * longer name, a day, English words joined or a British spelling */
  { "He used Omegle every day and paid with Klarna.", "" },
  { "met Ms Begum + Tolu (family support). Our cleaner, Bev, found it. A mate, Tommo. "
    "The Well-being of children, the Sexual Offences Act, a Mercedes C-Class; on Fri at 9. "
    "Offences were Organised there.",
    "PERSON:Ms Begum|PERSON:Tolu|PERSON:Bev|PERSON:Tommo" },
  /* a town of words that are words, next to a town in a list; a unit on
   * a business park */
  { "men in Byker, Jarrow and South Shields. The South Shields are big. "
    "Held at Unit 7, Meridian Business Park, Gateshead",
    "PLACE:Byker|PLACE:Jarrow|PLACE:South Shields|ADDRESS:Unit 7, Meridian Business Park|PLACE:Gateshead" },
  /* who speaks, an everyday word, on two lines of a chat; once is not enough */
  { "Kamil 14:22: feds took him\nAdz 14:25: which 1\nAdz 14:30: where", "PERSON:Kamil|PERSON:Adz|PERSON:Adz" },
  { "Kamil 14:22: feds took him\nAdz 14:25: which 1", "PERSON:Kamil" },
  /* a company */
  { "a meeting with Golden Crust Chicken Ltd; a limited company", "INSTITUTION:Golden Crust Chicken Ltd" },
  /* in a chat, a take-away named food first before a street, a possessive
   * without its apostrophe before a town; not food */
  { "kayden: chicken king on lodge lane then to reeceys in kirkby\n"
    "me: i want chicken tonight on the sofa. fried chicken in leeds",
    "PERSON:kayden|INSTITUTION:chicken king|PLACE:lodge lane|PERSON:reeceys|PLACE:kirkby|"
    "PLACE:leeds" },
  /* a town that is a word, first in a sentence before a noun, is the word */
  { "Bath time routines reviewed.\nBath is lovely; we went to Bath", "PLACE:Bath|PLACE:Bath" },
  /* after a naming word in lower case, a word and a surname; a university */
  { "- girl called precious adjei was missing; a boy called sam; the girl called in sick\n"
    "Head of Safeguarding, Harrowgate University",
    "PERSON:precious adjei|PERSON:sam|INSTITUTION:Harrowgate University" },
  /* a business named by a possessive after "at", before its street; not a
   * house in a town */
  { "He works at Dino's on Mansfield Road. She was at Nathan's in Oldham.",
    "INSTITUTION:Dino's|PLACE:Mansfield Road|PERSON:Nathan's|PLACE:Oldham" },
  /* two names joined by "&", the second a possessive with no noun after
   * it, are a business; two people's flat is theirs */
  { "Shay went to Frankie & Benny's in Swindon. Jade & Tom's flat.",
    "PERSON:Shay|INSTITUTION:Frankie & Benny's|PLACE:Swindon|PERSON:Jade|PERSON:Tom" },
  /* a town that is a word before a noun of a place's; not an everyday name */
  { "rough notes - Barking visit; the Hope area", "PLACE:Barking" },
  /* the initials of a double-barrelled name; not acronyms joined */
  { "raise w YA-M; AK-J to call. UK-EU, E-FIT, A-B-C", "PERSON:YA-M|PERSON:AK-J" },
  /* a take-away named food first after a word of its name; a hut */
  { "He runs Royal Spice Grill in Darlaston and Royal Grill; met at Peri Peri Hut",
    "INSTITUTION:Royal Spice Grill|PLACE:Darlaston|INSTITUTION:Royal Grill|"
    "INSTITUTION:Peri Peri Hut" },
  /* a Welsh county council; a sexual assault referral centre; holiday lets
   * and an apartment named with words */
  { "referred to Cyngor Sir Ceredigion.\nTHE HAVEN SEXUAL ASSAULT REFERRAL CENTRE\n"
    "From: Jess at Quayside Holiday Lets; bookings at the Harbour View apartment",
    "PLACE:Cyngor Sir Ceredigion|INSTITUTION:HAVEN SEXUAL ASSAULT REFERRAL CENTRE|"
    "PERSON:Jess|INSTITUTION:Quayside Holiday Lets|INSTITUTION:Harbour View" },
  /* a chain named with its "'s" */
  { "KB & Tia to Nando's in Reading", "PERSON:KB|PERSON:Tia|INSTITUTION:Nando's|PLACE:Reading" },
  /* a city's children's trust and a chat group's name are no names; a
   * person's name in quotes after "group" is */
  { "WhatsApp group \"Sound Crew\" (exported); referral to Birmingham Children's Trust; "
    "she lives in Birmingham; the group \"Kaylee\" said",
    "PLACE:Birmingham|PERSON:Kaylee" },
  /* "St." with its dot begins a school's name; not after a street */
  { "a pupil at St. Joseph's R.C. High School in Leeds", "INSTITUTION:St. Joseph's R.C. High School|PLACE:Leeds" },
  /* a take-away named before a lower-case cue after "outside"; not a town */
  { "seen outside Lucky Star takeaway on Oldham Road; went to Leeds hotel",
    "INSTITUTION:Lucky Star|PLACE:Oldham Road|PLACE:Leeds" },
  /* in lower case: a short form of a name after a kinship word; a
   * take-away named with a word before its food, after "above" */
  { "a lad called reece and his mate dom. the flat is above perfect pizza. we had pizza at home",
    "PERSON:reece|PERSON:dom|INSTITUTION:perfect pizza" },
  /* a day after a word of time is no name */
  { "MACE meeting Tue. DSL Forum on Wed and next Fri.", "" },
  /* a nickname in quotes of a title and a word; not a word in quotes */
  { "everyone talks about \"uncle t\" who has the airbnb; her \"uncle\" came; \"uncle is\" here",
    "PERSON:uncle t" },
  /* capitals after "the" are a body; taxi firms spelt with a K; a second
   * trade after "&"; a word of respect inside a nickname's quotes, not a noun */
  { "for the LA, Ms Smith. A taxi for Keighley Kars; works at Wrexham Kebab & Pizza. "
    "She knows him as \"Bilal bhai\"; at \"Kofi's place\"",
    "PERSON:Ms Smith|INSTITUTION:Keighley Kars|INSTITUTION:Wrexham Kebab & Pizza|"
    "PERSON:Bilal bhai|PERSON:Kofi" },
  /* in a chat, a taxi firm named with a word after "from"; not police cars */
  { "me: he'll sort the taxi from ace cars\nme: got out of police cars. from his cars",
    "INSTITUTION:ace cars" },
  /* dotted initials before an apposition; not the country */
  { "J.S., the family support worker, will visit. The U.K., the EU", "PERSON:J.S." },
  /* firms named by the head word of their kind after a word no dictionary
   * has; not after English words */
  { "She was a client of Mahmood Reddington Solicitors; staff of Moorside Cottage; "
    "the Safer Recruitment course and the Community Project.",
    "INSTITUTION:Mahmood Reddington Solicitors|INSTITUTION:Moorside Cottage" },
  { "Coventry Cathedral, Zaynab Hairdressers and Starz Trampoline Park; the Orthodox "
    "Synagogue, the Beauty Parlour, the Ice Rink.",
    "INSTITUTION:Coventry Cathedral|INSTITUTION:Zaynab Hairdressers|"
    "INSTITUTION:Starz Trampoline Park" },
  /* a Welsh hospital names its kind first; not a team */
  { "Seen at Ysbyty Glan Clywedog by the Independent Fostering team.",
    "INSTITUTION:Ysbyty Glan Clywedog" },
  /* councils' formal names; not councils of English words */
  { "Cumberland Council and the City and County of Swansea wrote; the Youth Council and "
    "the Arts Council did not.",
    "PLACE:Cumberland Council|PLACE:City and County of Swansea" },
  /* a council in lower case; not a town's centre */
  { "we wrote to herefordshire council and met in leeds city centre",
    "PLACE:herefordshire council|PLACE:leeds" },
  /* a hyphenated place written with spaces; a district council not in
   * the towns' list */
  { "a party in a flat in Cefn Mawr with her friend; the Charnwood return",
    "PLACE:Cefn Mawr|PLACE:Charnwood" },
  /* an institution's town after it where the phrase ends; a feature named
   * after its place; not a town that is a word before more words */
  { "Visit to Kingsland Fields Health Centre, Hackney\nA caravan at Lunan Bay; "
    "Oakwood Academy, Reading the notes",
    "INSTITUTION:Kingsland Fields Health Centre|PLACE:Hackney|PLACE:Lunan Bay|"
    "INSTITUTION:Oakwood Academy" },
  /* capitals between "the" and "estate"; an isle; not the council's estate
   * nor an estate agent */
  { "a flat on the North Peckham estate; one from the Isle of Arran. The Council estate, "
    "the estate agent.",
    "PLACE:North Peckham|PLACE:Isle of Arran" },
  /* words before a title; in lower case, a title before an initial or a
   * first name that is no word; a town's name as a surname after a title
   * and a first name; not the staff nurse, nor a title that is a word */
  { "Staff Nurse Beata Zieli\xc5\x84ska and Police Constable Hart came; the staff nurse saw "
    "Miss Harriet Cleeve.",
    "PERSON:Staff Nurse Beata Zieli\xc5\x84ska|PERSON:Police Constable Hart|"
    "PERSON:Miss Harriet Cleeve" },
  /* in quotes, a name that is a word too, said, and a thing's name after
   * "the", are no names; a nickname after "a" or after a comma is */
  { "She said \"Amber\" when asked. The \"Safe Place\" scheme. Texts from a \"Dazza\". "
    "A third man, \"Rocky\", was there.",
    "PERSON:Dazza|PERSON:Rocky" },
  /* first names of communities new to the lists: Ukrainian, Kurdish */
  { "her mother, Yuliia Tkachenko, and a family friend, Vadym. H\xc3\xaav\xc3\xae attended.",
    "PERSON:Yuliia Tkachenko|PERSON:Vadym|PERSON:H\xc3\xaav\xc3\xae" },
  /* a town named "X-on-Y" called by its first word; a surname after a
   * title stays a person's */
  { "linked the car to a man of THORNABY. Mr Ashby came.", "PLACE:THORNABY|PERSON:Mr Ashby" },
  /* after a car's make, its model is no name; a sport is no town; the
   * town and a man are */
  { "picks her up in a red Seat Leon. Mr Jenkins (Welsh Rugby Union) lives in Rugby. "
    "She saw Leon there.",
    "PERSON:Mr Jenkins|PLACE:Rugby|PERSON:Leon" },
  { "typed by mrs j. vaughan-pugh. rang pc alys lloyd. dr who and the pc at school",
    "PERSON:mrs j. vaughan-pugh|PERSON:pc alys lloyd" },
  /* a business named after its trade and where it stands, set apart by
   * commas or a dash, is named again later; not a town after a street, nor
   * the owner named after his firm */
  { "a barbers on the coast road, Kutz by Kaz, had closed. A shisha lounge on York Road, "
    "Smoke Palace, as before. A garage in Sprowston, Norfolk Tyre & Exhaust. He runs a caf\xc3\xa9 "
    "near the Oracle \xe2\x80\x94 Bean There Caf\xc3\xa9. OFB to raise Smoke Palace with licensing. "
    "A takeaway on Mill Road, Harehills, and a taxi firm in Rochdale, Ali Khan, who said no.",
    "INSTITUTION:Kutz by Kaz|PLACE:York Road|INSTITUTION:Smoke Palace|PLACE:Sprowston|"
    "INSTITUTION:Norfolk Tyre & Exhaust|INSTITUTION:Oracle|INSTITUTION:Bean There Caf\xc3\xa9|PERSON:OFB|"
    "INSTITUTION:Smoke Palace|PLACE:Harehills|PLACE:Rochdale|PERSON:Ali Khan" },
  /* a line in capitals with a "Mc" name in it is still in capitals, and
   * the name is whole */
  { "PRESENT: BRIDGET HALLORAN (MANAGER); SAOIRSE McGOVERN (KEY WORKER)\n"
    "A 17-YEAR-OLD FROM BOOTLE, SAID MS McGOVERN.",
    "PERSON:BRIDGET HALLORAN|PERSON:SAOIRSE McGOVERN|PLACE:BOOTLE|PERSON:MS McGOVERN" },
  /* a point of the compass starts a school's name; a school of two kinds
   * is one name; a council "City of" a town, after "to"; a home and its
   * kind in brackets, not a worker and her team */
  { "now at East Point Academy, after Hillcrest Primary and Nursery School. Referral made "
    "to City of Wolverhampton Council. HANDOVER - Orchard View (residential), Kettering. "
    "Staff: Amanda Lee (residential).",
    "INSTITUTION:East Point Academy|INSTITUTION:Hillcrest Primary and Nursery School|"
    "PLACE:City of Wolverhampton Council|INSTITUTION:Orchard View|PLACE:Kettering|"
    "PERSON:Amanda Lee" },
  /* in lower case after "mrs", a surname in no list; a granthi's title; in
   * capitals, a verb after a name and words after a gurdwara are no name */
  { "typed by mrs o'driscoll, dsl.\nI MET BHAI JASWINDER SINGH SANDHU (GRANTHI). BHAI SANDHU "
    "SAID THE GURDWARA HAD BECOME AWARE OF IT.",
    "PERSON:mrs o'driscoll|PERSON:BHAI JASWINDER SINGH SANDHU|PERSON:BHAI SANDHU" },
  /* shopping centres named with a word, where someone was; a town after
   * an address's district; what someone owns or manages */
  { "Later at the Bridges we saw Macey; a caf\xc3\xa9 near the Oracle; the bridges over the "
    "river. Flat 9, Humber View House, Wincolmlee, Hull. The owner of Kutz Lounge said.",
    "INSTITUTION:Bridges|PERSON:Macey|INSTITUTION:Oracle|ADDRESS:Flat 9, Humber View House|"
    "PLACE:Hull|INSTITUTION:Kutz Lounge" },
  /* kept as words: adverbs that name lists hold as names, a health board
   * named with "and", a job's title of three words, a committee's letters
   * before its chair, a grade in quotes, grace said, a bath */
  { "Liam has a son now. Dr Elspeth Corrigan (NHS Dumfries and Galloway), Ms Kerr (NHS Greater "
    "Glasgow and Clyde). Iona MacLennan, Senior Social Worker. Mr Hamish Kerr-Lindsay (CPC "
    "Chair). It calls a pupil \"Amber\" then. The meeting closed with Grace. Bath and a hot meal.",
    "PERSON:Liam|PERSON:Dr Elspeth Corrigan|PERSON:Ms Kerr|PERSON:Iona MacLennan|"
    "PERSON:Mr Hamish Kerr-Lindsay" },
  /* a business found by one rule is found again after another's; a name
   * before "(registered charity)", a region's word first in it; a barbers
   * named in brackets in lower case; where someone works nights; a town's
   * name and more words where someone works */
  { "given food at Hot Wok Express. Works at Hot Wok Express. Visit to Humber Lighthouse "
    "Project (registered charity). a barbers on norwich rd (kingz kutz). Jurgita works nights "
    "at Fenland Fresh Packers in Holbeach. He works at Leeds.",
    "INSTITUTION:Hot Wok Express|INSTITUTION:Hot Wok Express|"
    "INSTITUTION:Humber Lighthouse Project|PLACE:norwich|INSTITUTION:kingz kutz|"
    "PERSON:Jurgita|INSTITUTION:Fenland Fresh Packers|PLACE:Holbeach|PLACE:Leeds" },
  /* a home named with a place's word and an ordinary one, a shopping
   * centre named with a word after "the", a college of further education;
   * in lower case, ordinary words after "the" before a cue of several
   * words, or after "for" before a taxi firm's, and a Welsh school with
   * "y", but no local or main shopping centre */
  { "SITE VISIT - Solway View children's home. Places: the Fort shopping centre. At Carn Brea "
    "College of Further Education.\nshe went to the castle court shopping centre, not the "
    "local shopping centre; he drove for north city taxis. stopped going to ysgol maes y gwynt. "
    "Ysgol Bro y Mor.",
    "INSTITUTION:Solway View children's home|INSTITUTION:Fort shopping centre|"
    "INSTITUTION:Carn Brea College of Further Education|"
    "INSTITUTION:castle court shopping centre|INSTITUTION:north city taxis|"
    "INSTITUTION:ysgol maes y gwynt|INSTITUTION:Ysgol Bro y Mor" },
  /* ordinary words capitalised inside a sentence where someone was name a
   * business; not a national charity, an event, a region, nor a first name
   * and a surname */
  { "picked up outside Phone Zone on the high street, taken to Cloud Nine after school, seen "
    "at Lucky Star with two girls. Referred to Citizens Advice and at Women's Aid; went to "
    "Pride March; at Grace Baker's; in the West Midlands.",
    "INSTITUTION:Phone Zone|INSTITUTION:Cloud Nine|INSTITUTION:Lucky Star|"
    "PERSON:Grace Baker" },
  /* first in a sentence, a word in no list before a verb of what people
   * say and do; not an app */
  { "She left. Jurgita works nights. Tiernan said no. Instagram said no.",
    "PERSON:Jurgita|PERSON:Tiernan" },
  /* a police log's number and date without a keyword, but a keyword's
   * outside its number; a business in brackets after its trade without an
   * article, in lower case with a word in no dictionary, or with its town;
   * a business of two everyday words after "the" before its trade; a town
   * before its station, though a surname too */
  { "The reference they gave me was CW 1190 of 14/02/24; CAD 4471 14/02/2024. linked to vape "
    "bar on cavendish st (cloud vapez) and a chippy (in town); the chicken shop (Chick King, "
    "Portrush). They go to the Sugar Shack dessert parlour. Found at Leeds station.",
    "REFERENCE:CW 1190 of 14/02/24|REFERENCE:4471 14/02/2024|PLACE:cavendish|"
    "INSTITUTION:cloud vapez|INSTITUTION:Chick King|PLACE:Portrush|"
    "INSTITUTION:Sugar Shack dessert parlour|PLACE:Leeds" },
  /* an Irish county with "Co." or "County" */
  { "He lives in Ballymena, Co. Antrim, near Co Down and County Tyrone.",
    "PLACE:Ballymena|PLACE:Co. Antrim|PLACE:Co Down|PLACE:County Tyrone" },
  /* in a list after a heading that names places, each item's capitalised
   * words name a venue, a town's and more words too, but a town alone is a
   * town; a name and its kind of business in brackets, but not a town; what
   * a place of trade is called, in lower case too, whatever its words */
  { "Places known to go: Royal Quays outlet, Tynemouth Priory (grounds), Spanish City, "
    "Wallsend, Northumberland Park\nShe had been at Willow Place (shopping centre); Leeds (city "
    "centre). A shisha place on leeds rd called cloud 9 lounge + at a shisha bar called "
    "Arabian Nights in Millfield; a car wash called Blue Lagoon; a man called Tony Smith.",
    "INSTITUTION:Royal Quays|INSTITUTION:Tynemouth Priory|INSTITUTION:Spanish City|"
    "PLACE:Wallsend|INSTITUTION:Northumberland Park|INSTITUTION:Willow Place|PLACE:Leeds|"
    "PLACE:leeds|INSTITUTION:cloud 9 lounge|INSTITUTION:Arabian Nights|PLACE:Millfield|"
    "INSTITUTION:Blue Lagoon|PERSON:Tony Smith" },
  /* a name with "'s" and no noun after it, in quotes or before the kind of
   * business it is; not someone's mum */
  { "\"Dai's\" \xe2\x80\x94 a caf\xc3\xa9 in Ystrad Mynach; \"Sal's\", a caf\xc3\xa9 run by him; "
    "from \"Mo's\" (a takeaway in Normacot); Tony's (a caf\xc3\xa9 on the front). She said "
    "\"Chrissy's\" mum was there.",
    "INSTITUTION:Dai's|PLACE:Ystrad Mynach|INSTITUTION:Sal's|INSTITUTION:Mo's|PLACE:Normacot|"
    "INSTITUTION:Tony's|PERSON:Chrissy" },
  /* a chain where someone went, in quotes, or near where it stands; two
   * words after "the" before a street; a chippy named after "the"; a club
   * or a gym named after its word, but not its leader; a business in
   * brackets after the words of its trade; a school for girls; a Welsh
   * name with "y" */
  { "she went to \"Costa\" at lunch; outside Primark and the McDonald's near the bus "
    "station; the Shisha Palace on Stapleton Road; the Golden Fry chippy; manager, Club "
    "Neon; going to Gym Nation; the Club Secretary; to a snooker hall (Cue Club) in Padiham; "
    "Gravesend Grammar School for Girls; a let in Borth (Glan y M\xc3\xb4r Cottages).",
    "INSTITUTION:Costa|INSTITUTION:Primark|INSTITUTION:McDonald's|INSTITUTION:Shisha Palace|"
    "PLACE:Stapleton Road|INSTITUTION:the Golden Fry|INSTITUTION:Club Neon|INSTITUTION:Gym Nation|"
    "INSTITUTION:Cue Club|PLACE:Padiham|INSTITUTION:Gravesend Grammar School for Girls|"
    "PLACE:Borth|INSTITUTION:Glan y M\xc3\xb4r Cottages" },
  /* a business named again, with its "'s" or where its name was taken for
   * a person's, but not someone's mum; a time's minutes are no house's
   * number; a national charity; a day at a line's end */
  { "from \"Mo's\" (a takeaway in Normacot). Nobody knows who owned Mo's. Mo's mum rang. A car "
    "wash called Blue Lagoon; Blue Lagoon was closed. 19:40 Williamson Square. Talk to St "
    "Mungo's; update Mon.",
    "INSTITUTION:Mo's|PLACE:Normacot|INSTITUTION:Mo's|PERSON:Mo|INSTITUTION:Blue Lagoon|"
    "INSTITUTION:Blue Lagoon" },
  /* a business in brackets before its trade's word, named again where a
   * name of its was taken for a person's; a flat above a business named
   * with a title's word; a shopping centre named with a street's word */
  { "Mr Gjergj Leka (Top Kutz barbers) came. They asked for the room above Top Kutz. A flat "
    "above Phone Doctor in Bargoed; the Castle Court shopping centre.",
    "PERSON:Mr Gjergj Leka|INSTITUTION:Top Kutz|INSTITUTION:Top Kutz|"
    "INSTITUTION:Phone Doctor|PLACE:Bargoed|INSTITUTION:Castle Court shopping centre" },
  /* two places joined by "&" name one council's area; Brighton is a town */
  { "Follow up with Telford & Wrekin and Redcar & Cleveland; she lives in Brighton.",
    "PLACE:Telford & Wrekin|PLACE:Redcar & Cleveland|PLACE:Brighton" },
  /* a log's number and the day, without the year; a surname in capitals
   * first in a line, a comma, the given name */
  { "called police (log 1154 08/11).\n1. RAHMAN, Shafiqur (b. 1984) owns it.",
    "REFERENCE:1154 08/11|PERSON:RAHMAN, Shafiqur" },
  /* in a list after a business, a name of no one and no town is one too;
   * not an agency, a day or a town */
  { "among them Kebabish Original, Happy Wok, a car wash. At Leeds College, Social Services, "
    "Monday, Bradford and Ofsted.",
    "INSTITUTION:Kebabish Original|INSTITUTION:Happy Wok|INSTITUTION:Leeds College|"
    "PLACE:Bradford" },
  /* kept as words: the inspectorates and police of Wales, Northern Ireland
   * and the Republic, a designated safeguarding lead */
  { "Estyn, RQIA and An Garda S\xc3\xadoch\xc3\xa1na replied. Lead: Designated Safeguarding Lead.",
    "" },
  /* a town or a country that is a first name too, with "'s" before what a
   * person has, is the person */
  { "Me and Shannon went to Jordan's house. Chelsea's mum came. Leeds's house prices.",
    "PERSON:Shannon|PERSON:Jordan|PERSON:Chelsea|PLACE:Leeds" },
  /* a handle in quotes after its app; a log's number and the day it was
   * opened after "incident" */
  { "Instagram handle \"tyrone.official\"; incident 2211 of 03/11/25.",
    "SOCIAL_HANDLE:tyrone.official|REFERENCE:2211 of 03/11/25" },
  /* a chain's shop "in town"; a name in brackets after the arcades */
  { "the Wetherspoons on High Street and the Costa in town; the arcades on the front "
    "(Funland); a Costa in her hand.",
    "INSTITUTION:Wetherspoons|INSTITUTION:Costa|INSTITUTION:Funland" },
  /* a name before "B&B" */
  { "stayed at Sunnymead B&B, Mablethorpe, and the Sea View B&B; a B&B in Leeds.",
    "INSTITUTION:Sunnymead B&B|PLACE:Mablethorpe|INSTITUTION:Sea View B&B|PLACE:Leeds" },
  /* in lower case, a word in no dictionary after "called" is a name, or a
   * business's after its trade */
  { "his mate called rizzo came; the file called minutes; a takeaway called kebabz.",
    "PERSON:rizzo|INSTITUTION:kebabz" },
  /* Welsh councils' names of every form, in a list too */
  { "Cyngor Bwrdeistref Sirol Merthyr Tudful, Cyngor Sir Ynys M\xc3\xb4n, Cyngor Dinas "
    "Casnewydd and Cyngor Gwynedd replied.",
    "PLACE:Cyngor Bwrdeistref Sirol Merthyr Tudful|PLACE:Cyngor Sir Ynys M\xc3\xb4n|"
    "PLACE:Cyngor Dinas Casnewydd|PLACE:Cyngor Gwynedd" },
  /* the article between a Gaelic particle and the name; a Welsh
   * daughter's "ferch" */
  { "Seonaidh Nic a' Phearsain attended. Rhiannon ferch Dafydd rang.",
    "PERSON:Seonaidh Nic a' Phearsain|PERSON:Rhiannon ferch Dafydd" },
  /* in lower case, a word in no dictionary after a kinship title */
  { "spoke to uncle dazza and auntie shaz; uncle said no.",
    "PERSON:uncle dazza|PERSON:auntie shaz" },
  /* retail and leisure sites; towns of two words with a saint's */
  { "at Bridgend Designer Outlet or Kettering Leisure Village; from Lytham St Annes and "
    "St Pauls.",
    "INSTITUTION:Bridgend Designer Outlet|INSTITUTION:Kettering Leisure Village|"
    "PLACE:Lytham St Annes|PLACE:St Pauls" },
  /* initials that keep a surname's "Mc", "Mac" or "ap", found again in
   * capitals; another action on the line after a comma; a note's
   * signature; a role and its letter joined by a hyphen stay */
  { "ROUGH NOTES GMcL\n-> GMCL TO ASK FOR DATA\nActions: GapD to write; HB to chase the log, "
    "KOD to write to the council. YP-B said no.\nNana to ring back. \xe2\x80\x94 JB\nKMacA",
    "PERSON:GMcL|PERSON:GMCL|PERSON:GapD|PERSON:HB|PERSON:KOD|PERSON:JB|PERSON:KMacA" },
  /* a district in brackets after its town; districts of the Highlands and
   * of Belfast */
  { "placed in Kingsbridge (South Hams); from Lochaber, Ballynafeigh and Donegall Pass.",
    "PLACE:Kingsbridge|PLACE:South Hams|PLACE:Lochaber|PLACE:Ballynafeigh|PLACE:Donegall Pass" },
  /* a station named with a capital is the station, in lower case only its
   * town; an institution named after its street; a council after a place
   * of several words, and a London borough in capitals */
  { "from Reading Station and Hull Paragon Interchange, not the Leeds station; at the Bridge "
    "Street Clinic and Hill Street Centre; the Isle of Wight Council.\n"
    "LONDON BOROUGH OF BARKING AND DAGENHAM",
    "INSTITUTION:Reading Station|INSTITUTION:Hull Paragon Interchange|PLACE:Leeds|"
    "INSTITUTION:Bridge Street Clinic|INSTITUTION:Hill Street Centre|PLACE:Isle of Wight Council|"
    "PLACE:LONDON BOROUGH OF BARKING AND DAGENHAM" },
  /* a business before its trade in lower case, where someone was or at an
   * item's head, but a town's hostel is the town; after its trade with
   * "'s"; an Irish school named cue first; a number word inside a name;
   * a trust of schools, a hotel group */
  { "placed at Cliff View children's home; a Leeds hostel.\n2.2 Gascoigne Nights hostel: two "
    "girls. The cafe Marina's next to the tower; the chippy, Fryday's on the front; the shop "
    "Jade's mum runs. Attends Gaelscoil U\xc3\xad N\xc3\xa9ill; lives over Cloud Nine Vapes. "
    "By Soar Valley Learning Trust; the Brackendale Hotels group.",
    "INSTITUTION:Cliff View|PLACE:Leeds|INSTITUTION:Gascoigne Nights|INSTITUTION:Marina's|"
    "INSTITUTION:Fryday's|PERSON:Jade|INSTITUTION:Gaelscoil U\xc3\xad N\xc3\xa9ill|"
    "INSTITUTION:Cloud Nine Vapes|INSTITUTION:Soar Valley Learning Trust|"
    "INSTITUTION:Brackendale Hotels" },
  /* a log's entry signed at the end of its line; dates of birth after a
   * nominal, in brackets after a nickname, in Welsh and again in
   * English, and "date of birth" to the end of its sentence; a date
   * after a dash that is no birth year, or in another sentence, stays */
  { "T refused breakfast. RG\nRang CAMHS. CSE\n"
    "AZIZI, Farhad aka \"Freddie\" (1996-11-23)\nSAYAR, Mehmet \xe2\x80\x94 19/04/1990 \xe2\x80\x94 "
    "owner\nDOB: 12 Rhagfyr 2009 (12 Dec 2009)\nmeeting \xe2\x80\x94 19/04/2019 \xe2\x80\x94 held. "
    "Her date of birth was given by the interpreter as 2.11.2008. Her date of birth is not known to us; "
    "on 3.11.2004 she went.",
    "PERSON:RG|PERSON:AZIZI, Farhad|PERSON:Freddie|DATE_OF_BIRTH:1996-11-23|"
    "PERSON:SAYAR, Mehmet|DATE_OF_BIRTH:19/04/1990|DATE_OF_BIRTH:12 Rhagfyr 2009|"
    "DATE_OF_BIRTH:12 Dec 2009|DATE_OF_BIRTH:2.11.2008" },
  /* a street of one word after its number; a Scottish patient's CHI
   * number; a pier named with a capital; a project after "from the"; a
   * nickname after "known to source only as" */
  { "Address 38 Kingsway, 14 Marketgait. Kirsty Lennox, DOB 03-05-2008, CHI 0305081826. "
    "Found at Clacton Pier. Girls from the Ark Project. One girl is known to source only as "
    "\"Sky\".",
    "ADDRESS:38 Kingsway|ADDRESS:14 Marketgait|PERSON:Kirsty Lennox|"
    "DATE_OF_BIRTH:03-05-2008|REFERENCE:0305081826|INSTITUTION:Clacton Pier|"
    "INSTITUTION:Ark Project|PERSON:Sky" },
  /* shops of Irish and bookmakers' chains where someone was; a chain's
   * shop "on the high street"; islands of the Hebrides; a name in lower
   * case after a business's owner */
  { "staff at Supermac's in Ballymena; at the Centra in Derry; outside coral. Found Rhyl, Costa "
    "on the high street. Traced to Stornoway (Isle of Lewis); her mother lives on Benbecula. "
    "owner costas knows the lads",
    "INSTITUTION:Supermac's|PLACE:Ballymena|INSTITUTION:Centra|PLACE:Derry|INSTITUTION:coral|"
    "PLACE:Rhyl|INSTITUTION:Costa|PLACE:Stornoway|PLACE:Isle of Lewis|PLACE:Benbecula|"
    "PERSON:costas" },
  /* in rough notes, venues in lower case listed after a heading of places
   * or at the head of an item, but not a kind of place alone */
  { "names of places kids mentioned: chicken stop, wings n things, town centre, local shops\n"
    "- the ship inn on lumley rd - staff good\n- golden sands amusements - a girl\n"
    "- the local pub - fine",
    "INSTITUTION:chicken stop|INSTITUTION:wings n things|INSTITUTION:ship inn|PLACE:lumley|"
    "INSTITUTION:golden sands amusements" },
  /* a charity named with its town last, after a name or "from", not a
   * public body; a name after another and "or"; a handle after
   * "account,"; a nickname in quotes after "seen with" */
  { "RHI (Anya Bright, Checkpoint Torbay). Referred by Children's Services Derby. Could Ravi or "
    "Cath reply? A Snapchat account, daz.g31, was his. Seen with \"Tiny\" in Romford.",
    "PERSON:Anya Bright|INSTITUTION:Checkpoint Torbay|PLACE:Derby|PERSON:Ravi|PERSON:Cath|"
    "SOCIAL_HANDLE:daz.g31|PERSON:Tiny|PLACE:Romford" },
  /* a place of several words after a preposition and "the", but not a
   * town centre; Welsh places missing from the extract */
  { "visit to the Western Isles; we met in the Town Centre; a lad from Rhosllanerchrugog.",
    "PLACE:Western Isles|PLACE:Rhosllanerchrugog" },
  /* a centre named with one word after "at the", not a kind of centre */
  { "at the Sovereign Centre back entrance; found at the Tower Centre; at the Civic Centre; "
    "at the Youth Centre",
    "INSTITUTION:Sovereign Centre|INSTITUTION:Tower Centre" },
  /* in a line in capitals: a school of two words joined by "AND", not an
   * address across "FROM"; a name before "B&B" or "PUB" */
  { "PICKED UP 2 GIRLS FROM NENE PARK ACADEMY. TO TAKE FEMALES FROM CAMBORNE SCIENCE AND "
    "INTERNATIONAL ACADEMY. LOCATED AT THE SEAVIEW LODGE B&B, WITH. TAKEN TO THE COUNT HOUSE PUB.",
    "INSTITUTION:NENE PARK ACADEMY|INSTITUTION:CAMBORNE SCIENCE AND INTERNATIONAL ACADEMY|"
    "INSTITUTION:SEAVIEW LODGE B&B|INSTITUTION:COUNT HOUSE" },
  /* first names in capitals between slashes, a rota's, found again; a
   * pier by any name; a shisha bar by its word alone */
  { "GARETH TO INFORM SW.\nLATE SHIFT \xe2\x80\x94 RHIANNON / GARETH / OLU\nNHS / CSC / MASH\n"
    "start Grand Pier; girls going on to Oasis Shisha.",
    "PERSON:GARETH|PERSON:RHIANNON|PERSON:GARETH|PERSON:OLU|INSTITUTION:Grand Pier|"
    "INSTITUTION:Oasis Shisha" },
  /* "of the" inside a school's name */
  { "after the school, Our Lady of the Quays College, reported; the Chair of the Academy",
    "INSTITUTION:Our Lady of the Quays College" },
  /* kept: a span of months, an integrated care board with its places, a
   * policing area's acronym */
  { "missing episodes Jan-Aug 2025; funded by Cambridgeshire and Peterborough ICB; the BCU "
    "commander",
    "" },
  /* initials that spell a short word before an action or a dash among
   * others'; an action's initials in capitals; initials with "mc" in
   * lower case; not "OK to share" nor an agency's action */
  { "Actions: KO \xe2\x80\x94 send summary; JB \xe2\x80\x94 share the terms.\n"
    "AD to follow up in 7 days. OK to share with school.\nACTION: NMGB TO ARRANGE A CALL.\n"
    "POLICE TO ATTEND.\nic + bmca, with the police",
    "PERSON:KO|PERSON:JB|PERSON:AD|PERSON:NMGB|PERSON:bmca" },
  /* a nickname in quotes and brackets between first name and surname */
  { "The police said the driver was Robert (\"Robbie\") Cairncross.",
    "PERSON:Robert (\"Robbie\") Cairncross" },
  /* in lower case after "the", a name and its kind in brackets; holiday
   * camps by their chain's name */
  { "outside the golden nugget (arcade), then the usual (cafe); driving to Pontins Prestatyn.",
    "INSTITUTION:golden nugget|INSTITUTION:Pontins|PLACE:Prestatyn" },
  /* in lower case, a first name before a verb of what people say and do,
   * but not an everyday word listed beside it */
  { "a young girl with an older man, jade spoke to her. tony rang back.",
    "PERSON:jade|PERSON:tony" },
  /* initials after a verb of meeting or speaking, two letters that are a
   * rare word among them, but not an agency's */
  { "I spoke to LB about it; met with TM and her mum; rang KM. We spoke to CSC and met with MASH. "
    "Spoke to RB after.",
    "PERSON:LB|PERSON:TM|PERSON:KM|PERSON:RB" },
  /* dotted initials alone, not an abbreviation's; initials before what
   * someone did, or joined to someone's by "and"; casework's acronyms
   * stay */
  { "Present: AB (Chair), R.T., KOD\nnote by T.O. today. P.S. call me. N.B. this.\n"
    "Seen YP3 with JT and RS at the home. MH spoke with the nan. RHI to be offered; IRD held; "
    "EDT called; CSE had risen.",
    "PERSON:AB|PERSON:R.T.|PERSON:KOD|PERSON:T.O.|PERSON:JT|PERSON:RS|PERSON:MH" },
  /* initials that spell an acronym or a word where only initials stand:
   * a table's owner column, an item of a line of those present, a
   * signature after a dash, a speaker's label beside others'; the same
   * letters as a rank, a field's key, a note marker or a role stay */
  { "| No. | Action | Owner | By |\n| 1 | Send the return | DR | 24 Sept |\n"
    "Present: JB, DS, AS\nJB: where did he take you?\nCP: to the flat\nLeft at nine. \xe2\x80\x94 SW\n"
    "GP: Dr Aziz\nNB: call back\nYP: I was scared\nThe GP and her SW attended. DS Khan said.",
    "PERSON:DR|PERSON:JB|PERSON:DS|PERSON:AS|PERSON:JB|PERSON:CP|PERSON:SW|PERSON:Dr Aziz|"
    "PERSON:DS Khan" },
  /* a name at its edges: a title with a full stop, an acting rank, "Mr &",
   * particles before and after; initials first on a line of those present
   * are someone of their own, a surname first in capitals is not */
  { "Apologies: BJ, Revd. Ifeoma Nwosu\nPresent: D/Supt Karen Oxley, DS Mick Raine.\n"
    "Seen by Det. Sgt. Rhys Pugh. Visit to Mr & Mrs Oyelaran. With Mererid ab Iorwerth (panel). "
    "Dos Santos of five. Client: Sofia Marques da Costa, DOB given.\nRAHMAN, Shafiqur (b. 1984)",
    "PERSON:BJ|PERSON:Revd. Ifeoma Nwosu|PERSON:D/Supt Karen Oxley|PERSON:DS Mick Raine|"
    "PERSON:Det. Sgt. Rhys Pugh|PERSON:Mr & Mrs Oyelaran|PERSON:Mererid ab Iorwerth|"
    "PERSON:Dos Santos|PERSON:Sofia Marques da Costa|PERSON:RAHMAN, Shafiqur" },
  /* initials a note defines for someone stand for them where they stand
   * alone, though they spell an acronym or a word; not where the acronym
   * is meant ("the SW", "her own SW", "Specialist HV", "CP plan", "9 AM") */
  { "Panel: Dr Dominic Reilly (DR), Professor Si\xc3\xa2n ap Gwilym (SaG, panel)\n"
    "DR: Were you the officer?\nSaG: Diolch.\nKey: AM = Amir Mahmood; SW = Sean Walsh\n"
    "AM thinks the same man used it. SW opened. Her own SW rang; the SW was off; a CP plan; "
    "Specialist SW visits; DR Congo; back at 9 AM.",
    "PERSON:Dr Dominic Reilly|PERSON:DR|PERSON:Professor Si\xc3\xa2n ap Gwilym|PERSON:SaG|"
    "PERSON:DR|PERSON:SaG|PERSON:AM|PERSON:Amir Mahmood|PERSON:SW|PERSON:Sean Walsh|PERSON:AM|"
    "PERSON:SW" },
  /* initials of someone named in full where a person stands, though they
   * spell a word; a speaker's initials of no list beside others'; a line
   * of those present all initials, not all of them a role's */
  { "09:02 Usha Patel: morning all. UP spoke to the porter\n09:20 Amir Mahmood: thanks UP, "
    "the local UP office\n\nDI: You know why you're here.\nL\xc3\x93" "DB: No comment.\n"
    "Cc: AM; IF; SO\nApologies: GP, HV\nVENUE: THE LEGENDS BAR\n",
    "PERSON:Usha Patel|PERSON:UP|PERSON:Amir Mahmood|PERSON:UP|PERSON:DI|PERSON:L\xc3\x93" "DB|"
    "PERSON:AM|PERSON:IF|PERSON:SO|INSTITUTION:LEGENDS BAR" },
  /* a business named in full, then in short by its last word after "the";
   * a hotel or a car wash named with "Express" last, not a paper or a
   * card, nor a firm named with it first */
  { "We visited Linthorpe Grill and Kirkstall Express. Everyone knows the Grill. Men use the "
    "Express, not us. Seen at the Cannon Park Express. Paid by American Express; read the Daily "
    "Express. Express Cars said.",
    "INSTITUTION:Linthorpe Grill|INSTITUTION:Kirkstall Express|INSTITUTION:Grill|"
    "INSTITUTION:Express|INSTITUTION:Cannon Park Express|INSTITUTION:Express Cars" },
  /* in lower case, words set apart before a trade's word name a venue,
   * but not a plain adjective, a colour, a number or a venue's kind */
  { "outside the star taxis office; the royal hotel does rooms. firm: sea breeze cars. "
    "(abdul's convenience) said so. the black cabs and the local hotel, two cars, the airport "
    "hotel, his mates cars, the parked cars; he runs amusements.",
    "INSTITUTION:star taxis|INSTITUTION:royal hotel|INSTITUTION:sea breeze cars|"
    "INSTITUTION:abdul's convenience" },
  /* initials that sign two lines of a log or more are someone's, there and
   * where a person stands; once alone, or a note marker, they are not */
  { "18:30 Start at the bus station. AT\n19:20 Silver car circled twice. No photo. AT\n"
    "19:40 YP2 told AT she was staying out. Rang OR. OR said log it.\n20:00 Done. OR\n"
    "21:00 Left it there. NB\n22:00 Closed the office. NB\n",
    "PERSON:AT|PERSON:AT|PERSON:AT|PERSON:OR|PERSON:OR|PERSON:OR" },
  /* a hotel named after its cue, not a scheme or the hotel's staff */
  { "Visit Hotel Solent Vista, then Hotel Rosa (Milnrow). The Hotel Manager and Hotel Staff "
    "signed up to Hotel Watch.",
    "INSTITUTION:Hotel Solent Vista|INSTITUTION:Hotel Rosa|PLACE:Milnrow" },
  /* initials with small letters between, where a person stands and then
   * wherever they stand; not an acronym's plural */
  { "Actions: EaI to share with the MASH; EaI rang. UPNs: checked; MoJ to reply.",
    "PERSON:EaI|PERSON:EaI" },
  /* a place's name with "'s" and nothing after it, where someone went, is
   * a business; a place owning something stays a place */
  { "Everyone went to Sully's. What happened at Sully's? Rochdale's council said so.",
    "INSTITUTION:Sully's|INSTITUTION:Sully's|PLACE:Rochdale" },
  /* an item of a list, a dash, then a venue's kind or cuisine */
  { "notes, thurs\n- arezo - afghan grill, busy, all men\n- irie - caribbean takeaway. owner\n"
    "3. O Cantinho \xe2\x80\x94 Portuguese caf\xc3\xa9-bar on Manchester Road\n"
    "walkabout - middlesbrough town centre",
    "INSTITUTION:arezo|INSTITUTION:irie|INSTITUTION:Cantinho|PLACE:Manchester Road|"
    "PLACE:middlesbrough" },
  /* in rough notes, a word of no list where someone was is a venue,
   * then wherever else it stands; not someone spoken to, nor their flat */
  { "youth work notes\n- van parked behind kingz, lads outside kebabz\n- said he'd been at fadez "
    "getting a trim. fadez shut\n- spoke to ronke. come to dhuux flat",
    "INSTITUTION:kingz|INSTITUTION:kebabz|INSTITUTION:fadez|INSTITUTION:fadez|PERSON:ronke" },
  /* a town's name, capitalised words and a cue: an institution named
   * after the town; not its council, nor a street */
  { "Clinic: Margate Integrated Sexual Health Clinic. Then Rochdale Borough Council and "
    "Leeds Road.",
    "INSTITUTION:Margate Integrated Sexual Health Clinic|PLACE:Rochdale Borough Council|"
    "PLACE:Leeds Road" },
  /* and a person's name so, "a flat above Kaz's", then wherever else the
   * note names it with "'s" and nothing it could own; not "Kaz's car" */
  /* a capitalised word of no list inside a sentence, alone: a person;
   * not an app, a day in the plural, a short form, a street's "-gate" */
  { "Interpreter Zarmina rang. Pashto interpreter Zarmina booked for Fridays. "
    "Everyone said Dhagax. I'm told he "
    "uses Roblox and WeChat; seen on Kirkgate with the Tarrow lads.",
    "PERSON:Zarmina|PERSON:Zarmina|PERSON:Dhagax|PERSON:Tarrow" },
  /* initials with who they are in brackets, a role first, then wherever
   * else they stand alone where a person does; not a note's "NB:" */
  { "Attendees: DC Raza, NB (DSL, Airedale Grange School)\nChild K disclosed to NB on Monday.\n"
    "NB said she was late.\nNB: her sister rang.",
    "PERSON:DC Raza|PERSON:NB|INSTITUTION:Airedale Grange School|PERSON:NB|PERSON:NB" },
  /* a second phone number after a slash */
  { "mobiles 07700 900123/07700 900456 both off",
    "PHONE:07700 900123|PHONE:07700 900456" },
  /* a full date after a person's name is their date of birth; not the
   * day a note was signed */
  { "Intel says Callum McCartney aka Cal, 30.11.1998, lives nearby.\n"
    "Completed by: Gemma Armstrong-Lowry, 13/11/2025",
    "PERSON:Callum McCartney|PERSON:Cal|DATE_OF_BIRTH:30.11.1998|PERSON:Gemma Armstrong-Lowry" },
  /* not a day something happened, nor a day no calendar has */
  { "Chronology\nJade Smith, 12/03/2016: went missing.\nLiam Boyd, 31/02/2001, no trace.\n"
    "Reviewed in 2024.",
    "PERSON:Jade Smith|PERSON:Liam Boyd" },
  /* a capitalised word listed beside a one-word name found late is one
   * too, nickname or not; not after "the", nor a sentence's first word */
  { "We met the usual group, Tiny, Dreadz and two girls. His nephews were there, Mushy and "
    "Taz. Offices at The Quadrant, Dreadz said.",
    "PERSON:Tiny|PERSON:Dreadz|PERSON:Mushy|PERSON:Taz|INSTITUTION:The Quadrant|PERSON:Dreadz" },
  /* at a sentence's start, before what a person says or does, or an age */
  { "2325 Shvan not traced. Teklit thinks so.\n14.07.24 Wahidullah (17) placed. Ofsted visited.",
    "PERSON:Shvan|PERSON:Teklit|PERSON:Wahidullah" },
  /* a street named after a town whose name is a word too is the town's;
   * not a word streets are named with */
  { "a flat on Leek Road, then Mold Road and Pear Tree Road; not Church Road, Hope Street, "
    "Park Lane or Strand Road.",
    "PLACE:Leek Road|PLACE:Mold Road|PLACE:Pear Tree Road" },
  /* capitalised words inside a sentence before a word organisations end
   * in; not a public service's name, nor a kind of care */
  { "She was placed through Pathways Fostering, run by Lanterns Care; staff from NightForce "
    "Staffing. Referred to Children's Social Care; moved to Intensive Care.",
    "INSTITUTION:Pathways Fostering|INSTITUTION:Lanterns Care|INSTITUTION:NightForce Staffing" },
  /* firms named as firms are, and businesses by a number and a trade */
  { "Mr Patel of Patel Cash & Carry wrote. Her solicitor, Mbeki & Co; let to Ghani Bros "
    "Recovery. Seen at 786 Food & Wine; 786 Taxis share a base.",
    "PERSON:Mr Patel|INSTITUTION:Patel Cash & Carry|INSTITUTION:Mbeki & Co|"
    "INSTITUTION:Ghani Bros Recovery|INSTITUTION:786 Food & Wine|INSTITUTION:786 Taxis" },
  /* a business found as a name with "'s" and its trade is the name
   * alone too; in lower case in rough notes; trades of "Autos", "Bingo" */
  { "Kirsty gets drink from Singh's \xe2\x80\x94 Singh's Off Licence.\nwe was at kaz's most of "
    "the day\nTaken to a flat above Brothers Autos.",
    "PERSON:Kirsty|INSTITUTION:Singh's|INSTITUTION:Singh's Off Licence|INSTITUTION:kaz's|"
    "INSTITUTION:Brothers Autos" },
  { "When I asked about Kaz's, she cried. She was taken to a flat above Kaz's on the same road. "
    "Kaz's car was seen. She was at Mum's.",
    "INSTITUTION:Kaz's|INSTITUTION:Kaz's|PERSON:Kaz" },
  /* a name venues trade under (data/gazetteers/venue-names.txt), one word,
   * where someone was or after "the", then wherever else it stands; its
   * trade after it is found with it; not the word in lower case, nor a
   * first name given to someone */
  { "She was taken to Mirage twice. Her friend said Mirage is busy. PARKED OUTSIDE YALLA WITH "
    "TWO MALES. We met at the Shalimar. Rooms at the Seaview Hotel and the vault.",
    "INSTITUTION:Mirage|INSTITUTION:Mirage|INSTITUTION:YALLA|INSTITUTION:the Shalimar|"
    "INSTITUTION:Seaview Hotel" },
  /* in lower case, a first name after a verb of meeting or before "'s"
   * and what is someone's, then wherever else it stands; not after "a" */
  { "met jade and her mum at the shop. jade quiet.\nruby's dob 3/9/10. ruby off school. "
    "got her a ruby ring.",
    "PERSON:jade|PERSON:jade|PERSON:ruby|DATE_OF_BIRTH:3/9/10|PERSON:ruby" },
  /* in lower case, two or three letters in no list but of names where a
   * person stands, and the one joined to them by "and" or "+"; not a
   * day, nor a word "and" follows */
  { "rough notes\nkd and mj said it. dm to chase the worker\n- kod + ek speak to the staff\n"
    "got cds and a dvd. figures by fri",
    "PERSON:kd|PERSON:mj|PERSON:dm|PERSON:kod|PERSON:ek" },
  /* a word of no list in lower case before who they are in brackets, or
   * beside someone by "+", then wherever else it stands; not a short form
   * without a vowel */
  { "visit notes\n- met florica (mum) + nicu (dad) at home\n- nicu has the plate\n"
    "- met grp of 6 outside the shop\n- went round with rushane, tell deebz. went with friends",
    "PERSON:florica|PERSON:nicu|PERSON:nicu|PERSON:rushane|PERSON:deebz" },
  /* two such joined by "+" though no person's place follows, then
   * wherever else they stand; and such letters alone signing the last line */
  { "town centre, fri night. pk + ej w/ street pastors\n21:05 ej recognised him. told pk\n"
    "Rang the GP.\n-- hks",
    "PERSON:pk|PERSON:ej|PERSON:ej|PERSON:pk|PERSON:hks" },
  /* a name's particle after a title or alone in a sentence, a first name
   * before a particle though it is a country too; two initials joined by
   * a slash before what they are to do, in an owner's column or signing a
   * line, not two roles' */
  { "4.4 Cllr. de B\xc3\xbarca asked. Vehicle keeper Jordan de Lacy-Hume, 19 Bishopton Mews\n"
    "NO/DR to sort a room. GP/HV to review.\n| No | Action | Owner |\n| 1 | Visit | ME/AS |\n"
    "Finish. AT/WE\n",
    "PERSON:Cllr. de B\xc3\xbarca|PERSON:Jordan de Lacy-Hume|ADDRESS:19 Bishopton Mews|"
    "PERSON:NO/DR|PERSON:ME/AS|PERSON:AT/WE" },
  /* a surname taken for a town after an acting rank */
  { "D/Supt Oxley described it; Leeds/Bradford.", "PERSON:D/Supt Oxley|PLACE:Leeds" },
  /* venues named without a cue word: with their kind in brackets or set
   * beside them, in no list where someone was outside or above, at one
   * before its street, the one before "and", then wherever they stand;
   * not a town, someone's home, a street or a word of the language again */
  { "Seen outside Yalla with two males; a flat above Mezze. They ended up at Cwtch on Wind "
    "Street. We walked down to Kubrick, the gaming caf\xc3\xa9.\n- Babel and Zeytin (takeaways, "
    "Millfield)\n2200 AURA (BAR). Most reports concern Zeytin. Leeds (city centre); the same road "
    "(nails and tanning); swell (surf shop); the swell was big.",
    "INSTITUTION:Yalla|INSTITUTION:Mezze|INSTITUTION:Cwtch|INSTITUTION:Kubrick|INSTITUTION:Babel|"
    "INSTITUTION:Zeytin|PLACE:Millfield|INSTITUTION:AURA|INSTITUTION:Zeytin|PLACE:Leeds|"
    "INSTITUTION:swell" },
  /* a word in no list where someone was, alone after "at"; not a festival
   * or an acronym's plural */
  { "Baz did the door at Xanadu later on. Talks for parents at Vaisakhi; discussed at IRDs.",
    "PERSON:Baz|INSTITUTION:Xanadu" },
  /* nicknames in quotes after a word that gives a name, or in brackets
   * after a name and used again; then wherever they stand; not a word of
   * the language in quotes after "for" or "to", nor a role in brackets */
  { "PASSENGER GAVE NAME \"DRITAN\" ONLY. THEY MET DRITAN AT THE SHOP. Shoaib Chaudhry (Shabs), "
    "31. Links: Del and Shabs. Giani Kulwant Singh (Granthi). Rooms for \"parties\"; went to "
    "\"chill\".",
    "PERSON:DRITAN|PERSON:DRITAN|PERSON:Shoaib Chaudhry|PERSON:Shabs|PERSON:Del|PERSON:Shabs|"
    "PERSON:Giani Kulwant Singh" },
  /* a venue alone in a column headed "Venue" or "Operator"; a surname in
   * capitals before a given name no list holds, not before initials */
  { "Badge | Driver | Operator | Plate\nHD 1874 | MALIK, Faisal | Ace | n/a\n"
    "DRIVER TAHIRI, Ergys (04/11/1994)\nPresent: AB (Chair), KOD, SMcG (secretariat)",
    "REFERENCE:HD 1874|PERSON:MALIK, Faisal|INSTITUTION:Ace|PERSON:TAHIRI, Ergys|"
    "DATE_OF_BIRTH:04/11/1994|PERSON:AB|PERSON:KOD|PERSON:SMcG" },
  /* a date under a heading of births in a table laid out with spaces, its
   * column drifting by a character; not under another heading */
  { "Name                 Yr    DOB         Seen\n"
    "Kacey-Leigh Dunn      11    04.03.10    12.05.25\n"
    "Mason Threlfall       11   22.06.10    13.05.25\n",
    "PERSON:Kacey-Leigh Dunn|DATE_OF_BIRTH:04.03.10|PERSON:Mason Threlfall|"
    "DATE_OF_BIRTH:22.06.10" },
  /* under a heading with its format in brackets after a space */
  { "Name            Date of birth (dd/mm/yy)   Seen\n"
    "Kacey Dunn      04.03.10                   12.05.25\n",
    "PERSON:Kacey Dunn|DATE_OF_BIRTH:04.03.10" },
  /* the initials after a slash beside someone's found; not a role's */
  { "| Meet the IRO | HMcK/S.B. | Nov |\nKM/JT to chase. GP/HV to visit.",
    "PERSON:HMcK|PERSON:S.B.|PERSON:KM/JT" },
  /* in rough notes, a word of the language before a trade, a taxi firm or
   * a gym, where a name stands; not a kind of place, a cuisine, a school's
   * word or a verb's */
  { "they go to pulse gym on leeds road\n- swift cabs, 2 drivers\n"
    "- went to the chinese takeaway, then the sports centre\n- in the summer school, the "
    "parked cars",
    "INSTITUTION:pulse gym|PLACE:leeds|INSTITUTION:swift cabs" },
  /* a name with "'s" where someone went and nothing after it it could
   * own: before "in" and a month, a verb, a tab; not a friend's home in a
   * district */
  { "She was seen at Tony's in August. Mr Bashir said drivers from Raja's took girls. Said "
    "she'd been at Keisha's in Handsworth.",
    "INSTITUTION:Tony's|PERSON:Mr Bashir|INSTITUTION:Raja's|PERSON:Keisha's|PLACE:Handsworth" },
  /* initials passed something, before "note", and the last of a header
   * line's items with its full stop */
  { "Passed to JT and MASH. LH note: seen twice.\nPresent: AB (chair), KOD, SMcG.",
    "PERSON:JT|PERSON:LH|PERSON:AB|PERSON:KOD|PERSON:SMcG" },
  /* in a log in capitals, a first name no dictionary holds, with someone
   * or beside another; not before a thing's word */
  { "DAUGHTER NOT HOME. BELIEVED WITH SHANNON AND CAITLIN AT HER HOUSE. SEEN WITH CHELSEA "
    "SHIRT ON.",
    "PERSON:SHANNON|PERSON:CAITLIN" },
  /* a table's columns of names and of what people are called, both, any
   * word in them; not a dash for none */
  { "name\taka\twhere\njamie cole\tbones\tharehills\nreece\t\xe2\x80\x94\tseacroft\n",
    "PERSON:jamie cole|PERSON:bones|PLACE:harehills|PERSON:reece" },
  /* a chat typed out: a word in lower case labelling lines beside a young
   * person's is who wrote them, and so where else it stands; not a word
   * labelling notes */
  { "contact saved as \"smiley\"\nsmiley: u out tonite\nyp4: maybe\nsmiley: bring kenzie then\n"
    "concern: seen at the pier\nyp4: k\nconcern: again",
    "PERSON:smiley|PERSON:smiley|PERSON:smiley|PERSON:kenzie" },
  /* initials in lower case in a column of who is to act, alone or
   * joined, and the same letters elsewhere alone; not "tbc", not a role,
   * not an hour */
  { "ID\tAction\tOwner\tDue\nA15\tBook visit\trp\t05/12\nA17\tTranscript\tos + hr\t12/12\n"
    "A18\tChase\ttbc\t28/11\nA19\tRing school\tsw\tDec\nA20\tPack\tjt/os\t10/12\n"
    "Hope hr is back Thurs; a 2 hr wait.",
    "PERSON:rp|PERSON:os|PERSON:hr|PERSON:jt/os|PERSON:hr" },
  /* where children are placed and by whom, in columns headed so; not the
   * kind of placement */
  { "| Child | Placement | Type | Provider |\n| C1 | Hazelmere | children's home | Oakline Homes |\n"
    "| C2 | Bramble Cottage | foster care | none |",
    "INSTITUTION:Hazelmere|INSTITUTION:Oakline Homes|INSTITUTION:Bramble Cottage" },
};

static void
test_names (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (name_cases); i++)
    {
      const NameCase *c = &name_cases[i];
      g_autoptr(GArray) spans = sl_redactor_detect (c->text, -1);
      g_autoptr(GString) got = g_string_new (NULL);

      for (guint k = 0; k < spans->len; k++)
        {
          const SlSpan *span = &g_array_index (spans, SlSpan, k);

          g_string_append_printf (got, "%s%s:%.*s", k > 0 ? "|" : "", span->type,
                                  (int) (span->end - span->start), c->text + span->start);
        }
      g_test_message ("%s", c->text);
      g_assert_cmpstr (got->str, ==, c->expected);
    }
}

static void
test_names_odd_bytes (void)
{
  /* Punctuation of several bytes, bytes that are not UTF-8, and long words:
   * spans stay inside the text, in order, and never split a character. */
  static const char *const texts[] = {
    "\xe2\x80\x9cJade\xe2\x80\x9d\xe2\x80\x94Primary School\xc5\x81",
    "Mr \xff\xfe Smith \xc3 Jade \x80\x80 Rochdale",
    "\xe2\x80\x9c\xe2\x80\x9d" "Children's Home\xe2\x80\x99s",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-b Jade",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GArray) spans = sl_redactor_detect (texts[i], -1);
      gsize last = 0;

      for (guint k = 0; k < spans->len; k++)
        {
          const SlSpan *span = &g_array_index (spans, SlSpan, k);

          g_assert_cmpuint (span->start, >=, last);
          g_assert_cmpuint (span->end, >, span->start);
          g_assert_cmpuint (span->end, <=, strlen (texts[i]));
          g_assert_true (((guchar) texts[i][span->start] & 0xC0) != 0x80);
          last = span->end;
        }
    }
}

static void
test_names_redacted (void)
{
  const char *note = "Jade Smith (14) told DC Patel that Tariq drove her from Oldham to "
                     "Star Taxis; Child A saw it.";
  g_autofree char *out = sl_redactor_redact_structured (note);

  g_assert_cmpstr (out, ==, "[name] (14) told [name] that [name] drove her from [place] to "
                            "[institution]; Child A saw it.");
  g_assert_cmpstr (sl_redactor_get_label (SL_SPAN_PERSON), ==, "[name]");
  g_assert_cmpstr (sl_redactor_get_label (SL_SPAN_PLACE), ==, "[place]");
  g_assert_cmpstr (sl_redactor_get_label (SL_SPAN_INSTITUTION), ==, "[institution]");
}

/* The CLI */

static char *
run_cli (const char  *input,
         const char  *mode,
         int         *status,
         char       **err_out)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("SIGHTLINE_CLI");
  char *out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           cli, "redact", mode, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, err_out, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (proc);
  return out;
}

static void
test_cli_jsonl (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  if (g_getenv ("SIGHTLINE_CLI") == NULL)
    {
      g_test_skip ("SIGHTLINE_CLI is not set");
      return;
    }
  out = run_cli ("{\"id\": \"n1\", \"text\": \"Zoë tel 07700 900123\"}\n"
                 "{\"id\": \"n2\", \"text\": \"Child A in 2011\"}\n",
                 "--detect-jsonl", &status, &err);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==,
                   "{\"id\":\"n1\",\"spans\":[{\"start\":0,\"end\":4,\"type\":\"PERSON\"},"
                   "{\"start\":9,\"end\":21,\"type\":\"PHONE\"}]}");
  g_assert_cmpstr (lines[1], ==, "{\"id\":\"n2\",\"spans\":[]}");
  g_assert_cmpstr (lines[2], ==, "");
}

static void
test_cli_bad_line (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("SIGHTLINE_CLI") == NULL)
    {
      g_test_skip ("SIGHTLINE_CLI is not set");
      return;
    }
  out = run_cli ("{\"id\": \"n1\", \"text\": \"ok\"}\nnot json\n", "--detect-jsonl",
                 &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "sightline: line 2 is not "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_cli ("{\"id\": \"n1\"}\n", "--detect-jsonl", &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "sightline: line 1 is not "));
}

static void
test_cli_text (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (g_getenv ("SIGHTLINE_CLI") == NULL)
    {
      g_test_skip ("SIGHTLINE_CLI is not set");
      return;
    }
  out = run_cli ("Child A, DOB 14/05/2002, tel 0161 496 0000.\nMet 14/05/2019.\n", "--text",
                 &status, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "Child A, DOB [date of birth], tel [phone].\nMet 14/05/2019.\n");
}

/* A slice of a larger buffer, not ending in a NUL, is read only up to its
 * length, even where a rule looks past a date at its very end (an input
 * the fuzzer found, kept in its corpus). */
static void
test_slice (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "corpus",
                                                 "fuzz-redactor", "slice-ends-in-date.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *slice = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = 0;

  g_file_get_contents (path, &contents, &n, &error);
  g_assert_no_error (error);
  slice = g_memdup2 (contents, n);   /* no NUL after it */
  spans = sl_redactor_detect (slice, (gssize) n);
  g_assert_cmpuint (spans->len, >, 0);
  for (guint i = 0; i < spans->len; i++)
    g_assert_cmpuint (g_array_index (spans, SlSpan, i).end, <=, n);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sightline/redactor/detect/valid", test_positives);
  g_test_add_func ("/sightline/redactor/detect/valid-twice", test_positives_twice);
  g_test_add_func ("/sightline/redactor/detect/invalid", test_negatives);
  g_test_add_func ("/sightline/redactor/detect/byte-offsets", test_byte_offsets);
  g_test_add_func ("/sightline/redactor/detect/numbered-log", test_numbered_log);
  g_test_add_func ("/sightline/redactor/detect/length", test_length_limit);
  g_test_add_func ("/sightline/redactor/detect/overlaps", test_overlaps);
  g_test_add_func ("/sightline/redactor/detect/long-text-order", test_long_text_order);
  g_test_add_func ("/sightline/redactor/redact/note", test_redact_note);
  g_test_add_func ("/sightline/redactor/redact/labels", test_labels);
  g_test_add_func ("/sightline/redactor/names/detect", test_names);
  g_test_add_func ("/sightline/redactor/names/odd-bytes", test_names_odd_bytes);
  g_test_add_func ("/sightline/redactor/names/redact", test_names_redacted);
  g_test_add_func ("/sightline/redactor/cli/detect-jsonl", test_cli_jsonl);
  g_test_add_func ("/sightline/redactor/cli/bad-line", test_cli_bad_line);
  g_test_add_func ("/sightline/redactor/cli/text", test_cli_text);
  g_test_add_func ("/sightline/redactor/slice", test_slice);

  return g_test_run ();
}
