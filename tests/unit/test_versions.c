/*
 * test_versions.c - the versions of a regulation: the manifest's <versions> (which one
 * is in force on a date), inserted numbers (util/text), and the amendment table's
 * notation read as graph ids (ingest/amendments). The rows tested are rows of
 * corpus/ai-act/versions/2026-07-27/amendments.tsv (Regulation (EU) 2026/1744).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/amendments.h"
#include "ingest/manifest.h"
#include "util/diag.h"
#include "util/text.h"

#define SCHEMA SOURCE_DIR "/templates/schema/manifest.rng"

static void test_numbered(void **state)
{
	unsigned v;
	char s[8];
	(void)state;
	assert_int_equal(text_parse_numbered("43", 2, &v, s), 0);
	assert_int_equal(v, 43);
	assert_string_equal(s, "");
	assert_int_equal(text_parse_numbered("75d", 3, &v, s), 0); /* Article 75d */
	assert_int_equal(v, 75);
	assert_string_equal(s, "d");
	assert_int_equal(text_parse_numbered("1a", 2, &v, s), 0); /* Article 5(1a) */
	assert_int_not_equal(text_parse_numbered("a1", 2, &v, s), 0);
	assert_int_not_equal(text_parse_numbered("04", 2, &v, s), 0);
	assert_int_not_equal(text_parse_numbered("4A", 2, &v, s), 0);
	assert_int_not_equal(text_parse_numbered("4abcd", 5, &v, s), 0);
	assert_int_not_equal(text_parse_numbered("", 0, &v, s), 0);
}

static void test_path_ids(void **state)
{
	char ids[8][ID_MAX], part[8];
	(void)state;
	/* Article 5(1), first subparagraph, points (ba) and (bb): the first subparagraph is
	 * the paragraph itself in the graph's ids */
	assert_int_equal(amendments_path_ids("art-5.1.sub1.ba+bb", ids, 8, part, sizeof part), 2);
	assert_string_equal(ids[0], "art-5.1.ba");
	assert_string_equal(ids[1], "art-5.1.bb");
	assert_string_equal(part, "");
	/* Article 75(1a) to (1e) */
	assert_int_equal(amendments_path_ids("art-75.1a+1b+1c+1d+1e", ids, 8, part, sizeof part), 5);
	assert_string_equal(ids[4], "art-75.1e");
	/* Article 11(1), second subparagraph */
	assert_int_equal(amendments_path_ids("art-11.1.sub2", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "art-11.1.sub2");
	/* Article 57(1), first subparagraph: the paragraph, its first subparagraph part */
	assert_int_equal(amendments_path_ids("art-57.1.sub1", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "art-57.1");
	assert_string_equal(part, "sub1");
	/* Article 58(1), the introductory wording of its first subparagraph */
	assert_int_equal(amendments_path_ids("art-58.1.sub1.intro", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "art-58.1");
	assert_string_equal(part, "intro");
	/* the title of Article 75 */
	assert_int_equal(amendments_path_ids("art-75.title", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "art-75");
	assert_string_equal(part, "title");
	/* Article 113, third subparagraph, point (a) (an article without numbered paragraphs) */
	assert_int_equal(amendments_path_ids("art-113.sub3.a", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "art-113.sub3.a");
	/* Annex I, Section A, point 1; Annex XIV as a whole */
	assert_int_equal(amendments_path_ids("anx-1.A.1", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "anx-1.A.1");
	assert_int_equal(amendments_path_ids("anx-14", ids, 8, part, sizeof part), 1);
	assert_string_equal(ids[0], "anx-14");
	/* unreadable */
	assert_int_equal(amendments_path_ids("", ids, 8, part, sizeof part), 0);
	assert_int_equal(amendments_path_ids("art-1..2", ids, 8, part, sizeof part), 0);
	assert_int_equal(amendments_path_ids("art-1.2+", ids, 8, part, sizeof part), 0);
	assert_int_equal(amendments_path_ids("art-1.2+3+4", ids, 2, part, sizeof part), 2); /* capped */
}

static void test_loc_id(void **state)
{
	char id[ID_MAX];
	(void)state;
	/* Article 1, point (35) of Regulation (EU) 2026/1744 replaced Article 95(4) */
	assert_int_equal(amendments_loc_id("AR:1;PT:35", "art", id, sizeof id), 0);
	assert_string_equal(id, "art-1.35");
	assert_int_equal(amendments_loc_id("AR:1;PT:9;PT:b", "art", id, sizeof id), 0);
	assert_string_equal(id, "art-1.9.b");
	assert_int_equal(amendments_loc_id("AR:1", "art", id, sizeof id), 0);
	assert_string_equal(id, "art-1");
	assert_int_not_equal(amendments_loc_id("PT:1", "art", id, sizeof id), 0);
	assert_int_not_equal(amendments_loc_id("AR:x;PT:1", "art", id, sizeof id), 0);
	assert_int_not_equal(amendments_loc_id("AR:1;XX:1", "art", id, sizeof id), 0);
	assert_int_not_equal(amendments_loc_id("AR:1;PT:", "art", id, sizeof id), 0);
	assert_int_not_equal(amendments_loc_id("AR:1;PT:A", "art", id, sizeof id), 0);
}

/* The AI Act's manifest: its 2024 text applies from 1 August 2024, the text as amended by
 * Regulation (EU) 2026/1744 from 27 July 2026 (Article 4 of that Regulation). */
static void test_version_as_of(void **state)
{
	manifest m;
	diag d;
	FILE *sink = fopen("/dev/null", "w");
	(void)state;
	diag_init(&d, sink);
	assert_int_equal(manifest_load(SOURCE_DIR "/corpus/ai-act", SCHEMA, &m, &d), 0);
	assert_int_equal(m.nversions, 2);
	assert_string_equal(m.versions[0].id, "2024-08-01");
	assert_string_equal(m.versions[1].dir, "versions/2026-07-27");
	assert_string_equal(m.versions[1].amended_by, "digital-omnibus-ai");
	assert_int_equal(manifest_version_as_of(&m, NULL, &d), 1); /* default: the latest */
	assert_int_equal(manifest_version_as_of(&m, "2025-01-01", &d), 0);
	assert_int_equal(manifest_version_as_of(&m, "2026-07-26", &d), 0);
	assert_int_equal(manifest_version_as_of(&m, "2026-07-27", &d), 1);
	assert_int_equal(manifest_version_as_of(&m, "2030-12-31", &d), 1);
	assert_int_equal(d.errors, 0);
	assert_int_equal(manifest_version_as_of(&m, "2024-07-31", &d), -1);
	assert_int_equal(manifest_version_as_of(&m, "2025-02-29", &d), -1); /* not a day */
	assert_int_equal(manifest_version_as_of(&m, "1/1/2025", &d), -1);
	assert_int_equal(d.errors, 3);
	assert_int_equal(manifest_version_by_id(&m, "2024-08-01", &d), 0);
	assert_int_equal(manifest_version_by_id(&m, "2099-01-01", &d), -1);
	/* the kinds describe the version chosen: 113 articles and 13 annexes in 2024; 6
	 * articles inserted and 14 annexes as amended */
	assert_int_equal(manifest_use_version(&m, 0, &d), 0);
	assert_int_equal(m.kinds[1].ninserted, 0);
	assert_int_equal(m.kinds[2].count, 13);
	assert_int_equal(manifest_use_version(&m, 1, &d), 0);
	assert_int_equal(m.kinds[1].ninserted, 6);
	assert_string_equal(m.kinds[1].inserted[0], "4a");
	assert_int_equal(m.kinds[2].count, 14);
	assert_true(manifest_kind_has(&m.kinds[1], "75c"));
	assert_false(manifest_kind_has(&m.kinds[1], "75e"));
	assert_true(manifest_kind_has(&m.kinds[1], "113"));
	assert_false(manifest_kind_has(&m.kinds[1], "114"));
	manifest_free(&m);
	/* the CRA has one version, in force at any date */
	assert_int_equal(manifest_load(SOURCE_DIR "/corpus/cra", SCHEMA, &m, &d), 0);
	assert_int_equal(m.nversions, 0);
	assert_int_equal(manifest_version_as_of(&m, "1990-01-01", &d), 0);
	manifest_free(&m);
	fclose(sink);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbered),
		cmocka_unit_test(test_path_ids),
		cmocka_unit_test(test_loc_id),
		cmocka_unit_test(test_version_as_of),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
