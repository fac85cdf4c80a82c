/**
 * The benchmark data, made inside PostgreSQL with generate_series (no row crosses the wire):
 * 200 organisations, 100,000 people with self-reported profiles (some without gender, as in
 * life), 10,000 events over 2025–2026, 1,000,000 attendance rows (10 distinct events per person),
 * one course version and 60,000 attempts (70 % completed). Ids are md5-derived UUIDs, so
 * the rows can be joined without lookups.
 */
export const SEED_SQL = [
  `INSERT INTO organisations (id, name, kind, municipality_code)
     SELECT md5('o' || i)::uuid, 'Organisation ' || i, 'forening',
            (SELECT code FROM bench_municipalities WHERE n = i % 290)
       FROM generate_series(0, 199) AS i`,
  `INSERT INTO people (id, organisation_id, email, name)
     SELECT md5('p' || i)::uuid, md5('o' || (i % 200))::uuid, 'p' || i || '@bench.example', 'Person ' || i
       FROM generate_series(0, 99999) AS i`,
  `INSERT INTO person_profiles (person_id, role, gender, municipality_code, consent_at)
     SELECT md5('p' || i)::uuid,
            (ARRAY['handledare','anstalld','styrelseledamot','arbetsformedlingen','kommun','forsakringskassan','ovrig'])[1 + i % 7],
            (ARRAY['kvinna','man','kvinna','man','annat','vill_ej_uppge',NULL,'kvinna','man','kvinna'])[1 + i % 10],
            CASE WHEN i % 3 = 0 THEN (SELECT code FROM bench_municipalities WHERE n = i % 290) END,
            now()
       FROM generate_series(0, 99999) AS i`,
  `INSERT INTO events (id, type, title, starts_at, hours, place, municipality_code)
     SELECT md5('e' || j)::uuid,
            (ARRAY['natverkstraff','anordnartraff','interregional_natverkstraff','inspirationstraff','utbildningstillfalle','jamstalldhetsseminarium','tillganglighetsseminarium'])[1 + j % 7],
            'Aktivitet ' || j, timestamptz '2025-01-01' + (j % 730) * interval '1 day' + interval '8 hours',
            1 + j % 6, 'Plats ' || (j % 500), (SELECT code FROM bench_municipalities WHERE n = j % 290)
       FROM generate_series(0, 9999) AS j`,
  // 1009 is prime to 10,000: the ten events of one person are always distinct.
  `INSERT INTO attendance (event_id, person_id, source, recorded_at)
     SELECT md5('e' || ((i * 7 + k * 1009) % 10000))::uuid, md5('p' || i)::uuid, 'roster', now()
       FROM generate_series(0, 99999) AS i, generate_series(0, 9) AS k`,
  `INSERT INTO courses (slug, title) VALUES ('handledare', 'Handledarutbildning')`,
  `INSERT INTO course_versions (id, course_slug, version, tracking_major, content_hash, outline)
     VALUES (md5('cv')::uuid, 'handledare', '1.0.0', 1, 'sha256:bench', '{"title":"H","masteryScore":80,"lessons":[]}')`,
  `INSERT INTO attempts (organisation_id, person_id, course_version_id, scorm_version, completion_status, started_at, completed_at, last_activity_at)
     SELECT md5('o' || (i % 200))::uuid, md5('p' || i)::uuid, md5('cv')::uuid, '2004',
            CASE WHEN i % 10 < 7 THEN 'completed' ELSE 'incomplete' END,
            timestamptz '2025-01-01' + (i % 700) * interval '1 day',
            CASE WHEN i % 10 < 7 THEN timestamptz '2025-01-01' + (i % 700 + 3) * interval '1 day' END,
            timestamptz '2025-01-01' + (i % 700 + 3) * interval '1 day'
       FROM generate_series(0, 59999) AS i`,
  `ANALYZE`,
];

/** The same per-participant rows as our export, made by SQL alone: the floor for \copy. */
export const PARTICIPANT_FLOOR_QUERY = `
  SELECT p.id, o.name, pp.role, coalesce(pp.gender, 'ej_registrerat'),
         coalesce(pp.municipality_code, o.municipality_code),
         (SELECT string_agg(cv.course_slug || ' ' || to_char(a.started_at, 'YYYY-MM-DD') || '–' || coalesce(to_char(a.completed_at, 'YYYY-MM-DD'), ''), '; ' ORDER BY a.started_at)
            FROM attempts a JOIN course_versions cv ON cv.id = a.course_version_id WHERE a.person_id = p.id),
         string_agg(to_char(e.starts_at, 'YYYY-MM-DD') || ' ' || e.type || ' (' || coalesce(at.hours, e.hours) || ' h)', '; ' ORDER BY e.starts_at),
         sum(coalesce(at.hours, e.hours))
    FROM people p
    JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN person_profiles pp ON pp.person_id = p.id
    JOIN attendance at ON at.person_id = p.id
    JOIN events e ON e.id = at.event_id
   GROUP BY p.id, o.name, o.municipality_code, pp.role, pp.gender, pp.municipality_code
   ORDER BY p.id`;

/** The raw attendance rows (one per person and event), for comparison. */
export const ATTENDANCE_FLOOR_QUERY = `
  SELECT p.id, o.name, pp.role, pp.gender, e.type, e.title, e.starts_at, coalesce(at.hours, e.hours)
    FROM attendance at
    JOIN people p ON p.id = at.person_id
    JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN person_profiles pp ON pp.person_id = p.id
    JOIN events e ON e.id = at.event_id`;
