/* The practical floor for writing an xlsx: a bare libxlsxwriter program that
 * writes the same Annex A rows annexa writes (its 11 list sheets: title row,
 * bold header row, the data cells as text, numbers and dd/mm/yyyy dates),
 * nothing else: no reading of raw extracts, no mapping, no checks, no
 * column widths, autofilters, cover or data-gap sheets, no PDF.
 *
 * Input: the typed TSV files bench/lists_to_tsv.py dumps from an annexa
 * workbook (list_01.tsv ... list_11.tsv). They are read into memory before
 * the workbook is started; the program prints the seconds spent writing.
 *
 * Usage: xlsx_floor [--in-memory] TSV_DIR OUT.xlsx
 *   default: constant_memory mode (rows streamed, inline strings), as annexa;
 *   --in-memory: libxlsxwriter's default mode (all cells held, shared strings).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

typedef struct {
  char *data;  /* the whole file; lines and cells are cut in place */
  size_t size;
} Buffer;

static int read_file(const char *path, Buffer *out) {
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  out->data = malloc((size_t)n + 1);
  out->size = fread(out->data, 1, (size_t)n, f);
  out->data[out->size] = '\0';
  fclose(f);
  return 1;
}

/* Undoes the TSV escapes in place. */
static void unescape(char *s) {
  char *w = s;
  for (char *r = s; *r; ++r) {
    if (*r == '\\' && r[1]) {
      ++r;
      *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
    } else {
      *w++ = *r;
    }
  }
  *w = '\0';
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int in_memory = 0;
  int a = 1;
  if (a < argc && strcmp(argv[a], "--in-memory") == 0) { in_memory = 1; ++a; }
  if (argc - a != 2) {
    fprintf(stderr, "usage: xlsx_floor [--in-memory] TSV_DIR OUT.xlsx\n");
    return 2;
  }
  const char *dir = argv[a], *out = argv[a + 1];
  Buffer files[11];
  for (int i = 0; i < 11; ++i) {
    char path[4096];
    snprintf(path, sizeof path, "%s/list_%02d.tsv", dir, i + 1);
    if (!read_file(path, &files[i])) {
      fprintf(stderr, "xlsx_floor: cannot read %s\n", path);
      return 3;
    }
  }

  const double start = now();
  lxw_workbook_options options = {.constant_memory = in_memory ? LXW_FALSE : LXW_TRUE, .tmpdir = NULL};
  lxw_workbook *wb = workbook_new_opt(out, &options);
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format *date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  long rows = 0;
  for (int i = 0; i < 11; ++i) {
    char *save_line = NULL;
    char *line = strtok_r(files[i].data, "\n", &save_line);
    char *tab = strchr(line, '\t');
    *tab = '\0';
    lxw_worksheet *ws = workbook_add_worksheet(wb, line);
    worksheet_write_string(ws, 0, 0, tab + 1, bold);
    lxw_row_t row = 1;
    for (line = strtok_r(NULL, "\n", &save_line); line; line = strtok_r(NULL, "\n", &save_line), ++row) {
      lxw_col_t col = 0;
      for (char *cell = line;; ++col) {
        char *end = strchr(cell, '\t');
        if (end) *end = '\0';
        if (row == 1) {
          worksheet_write_string(ws, row, col, cell, bold);
        } else if (cell[0] == 's') {
          unescape(cell + 2);
          worksheet_write_string(ws, row, col, cell + 2, NULL);
        } else if (cell[0] == 'n') {
          worksheet_write_number(ws, row, col, strtod(cell + 2, NULL), NULL);
        } else if (cell[0] == 'd') {
          worksheet_write_number(ws, row, col, strtod(cell + 2, NULL), date);
        }
        if (!end) break;
        cell = end + 1;
      }
      rows += row > 1;
    }
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    fprintf(stderr, "xlsx_floor: %s\n", lxw_strerror(err));
    return 3;
  }
  printf("%ld rows written in %.3f s\n", rows, now() - start);
  for (int i = 0; i < 11; ++i) free(files[i].data);
  return 0;
}
