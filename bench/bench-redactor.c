/* bench-redactor.c
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

/* Detection speed on ordinary note text, one core: made-up case notes,
 * a few identifiers in each paragraph (structured ones, and names, places
 * and institutions in one paragraph of five), some 20 MB in all. */

#include "config.h"

#include <string.h>
#include <time.h>

#include "sl-redactor.h"

static const char *paragraphs[] = {
  "Met with the CSE lead and two social workers at the council offices on 14 May 2011. "
  "They described a group of older males who pick girls up from outside the school in cars "
  "and take them to flats where alcohol and cannabis are given. Child A (aged 14) has been "
  "reported missing 12 times since January; her foster carer rang 0161 496 0000 each time.\n",
  "Police confirmed the crime ref 12/34567/20 relates to the incident at 12 Canal Street. "
  "The YOT worker said YP3 had been excluded for assault on a pupil and was living in a "
  "hostel. Paragraph 3.2 of the protocol was not followed. Offences under 17A and 19C.\n",
  "Health colleagues noted two presentations at the sexual health clinic; NHS number "
  "943 476 5919 was given for one of them, DOB 03/02/1997, postcode M1 2AB. A message "
  "was left at jade.example@example.org and on the handle @jadeexample.\n",
  "The panel heard that taxis were used to move children between towns and that "
  "take-aways were used as meeting places. Numbers rose from 30 in 2010 to 52 in 2011; "
  "most victims were aged between 13 and 15 and most lived at home.\n",
  "Jade Whitworth (14) told DC Sarah O'Neill that her uncle Tariq and a man called Kasia's "
  "brother drove her from Rochdale to Oakwood Children's Home, then to the Royal Oak and Star "
  "Taxis in Milton Keynes. Mr Kowalski said Amber Hussain and Siobhán Ní Bhriain attended "
  "St Mary's Primary School; Ofsted, CAMHS and the North West team were told in May 2011.\n",
};

/* CPU time of this thread: on a shared, busy machine the wall clock also
 * counts the time other processes had the core. */
static double
thread_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) text = g_string_new (NULL);
  double best = 0, best_cpu = 0;
  guint spans = 0;

  while (text->len < 20 * 1024 * 1024)
    for (guint i = 0; i < G_N_ELEMENTS (paragraphs); i++)
      g_string_append (text, paragraphs[i]);

  for (int run = 0; run < 5; run++)
    {
      double cpu_start = thread_seconds ();
      gint64 start = g_get_monotonic_time ();
      /* as the notes, the editor and the CLI call it: on text that ends in
       * a NUL, which the detector need not copy */
      g_autoptr(GArray) found = sl_redactor_detect (text->str, -1);
      double secs = (g_get_monotonic_time () - start) / 1e6;
      double cpu = thread_seconds () - cpu_start;
      double rate = text->len / secs / (1024 * 1024);
      double cpu_rate = text->len / cpu / (1024 * 1024);

      spans = found->len;
      best = MAX (best, rate);
      best_cpu = MAX (best_cpu, cpu_rate);
      g_print ("run %d: %.1f MB in %.3f s (%.3f s CPU): %.1f MB/s, %.1f MB/s of CPU, %u spans\n",
               run + 1, text->len / (1024.0 * 1024.0), secs, cpu, rate, cpu_rate, spans);
    }
  g_print ("best %.1f MB/s wall clock, %.1f MB/s of CPU time (goal >= 20 MB/s: %s)\n", best,
           best_cpu, best >= 20 ? "met" : best_cpu >= 20 ? "met in CPU time only" : "MISSED");
  return 0;
}
