/* The per-line scans of the bulk of a CM grid, in C (selected by crawler/edgar/cm/scan.py). Their specification is
 * the Python of their callers: cells._is_number_row, cells._number_cells, grid._Cutter.read, and the regular
 * expression split of cells._read_cells. The first three read ASCII lines only and answer "undecided" (-1 or
 * False) for any other line and for the rare rows they do not decide themselves, so that every answer they give
 * is the Python one; split_gaps reads any str (tests/edgar/cm/test_scan.py compares them on generated lines).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef const Py_UCS1 *chars;

/* The ASCII characters str.split() and str.strip() treat as whitespace. */
static int is_space(Py_UCS1 c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }
static int is_digit(Py_UCS1 c) { return c >= '0' && c <= '9'; }

static Py_ssize_t digits(chars s, Py_ssize_t i, Py_ssize_t n) {
    Py_ssize_t j = i;
    while (j < n && is_digit(s[j])) j++;
    return j - i;
}

/* (?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)? from i: the end of the match, or -1. */
static Py_ssize_t plain_number(chars s, Py_ssize_t i, Py_ssize_t n) {
    Py_ssize_t run = digits(s, i, n);
    if (run == 0) return -1;
    Py_ssize_t j = i + run;
    if (run <= 3 && j < n && s[j] == ',') {
        while (j + 3 < n && s[j] == ',' && is_digit(s[j + 1]) && is_digit(s[j + 2]) && is_digit(s[j + 3])) j += 4;
        if (j == i + run) return -1; /* a comma not followed by three digits: neither reading ends here */
    }
    if (j < n && s[j] == '.') j += 1 + digits(s, j + 1, n);
    return j;
}

/* [-+]?\$?PLAIN%?\*?  |  \(\$?PLAIN\)  as a whole token. */
static int signed_number(chars s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    int paren = n > 0 && s[0] == '(';
    if (n > 0 && (s[0] == '-' || s[0] == '+' || paren)) i++;
    if (i < n && s[i] == '$') i++;
    Py_ssize_t j = plain_number(s, i, n);
    if (j < 0) return 0;
    if (paren) return j + 1 == n && s[j] == ')';
    if (j < n && s[j] == '%') j++;
    if (j < n && s[j] == '*') j++;
    return j == n;
}

/* What may follow the 32nds of a price: (?:\.\d+|[0-7])?\+? to the end. */
static int price_tail(chars s, Py_ssize_t i, Py_ssize_t n) {
    if (i < n && s[i] == '.') {
        Py_ssize_t run = digits(s, i + 1, n);
        if (run == 0) return 0;
        i += 1 + run;
    } else if (i < n && s[i] >= '0' && s[i] <= '7') {
        i++;
    }
    if (i < n && s[i] == '+') i++;
    return i == n;
}

/* \d{1,3}-\d{1,2}(?:\.\d+|[0-7])?\+? as a whole token (the fractions of the Python pattern are not ASCII). */
static int price32(chars s, Py_ssize_t n) {
    Py_ssize_t handle = digits(s, 0, n);
    if (handle < 1 || handle > 3 || handle >= n || s[handle] != '-') return 0;
    Py_ssize_t at = handle + 1, run = digits(s, at, n);
    return (run >= 1 && price_tail(s, at + 1, n)) || (run >= 2 && price_tail(s, at + 2, n));
}

/* A plain number or 32nds: cells.py's number tokens. */
static int number_token(chars s, Py_ssize_t n) {
    Py_ssize_t dots = 0, figures = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (is_digit(s[i])) figures++;
        else if (s[i] == '.') dots++;
        else { dots = 2; break; }
    }
    if (figures > 0 && dots <= 1) return 1;
    return signed_number(s, n) || price32(s, n);
}

typedef struct { chars s; Py_ssize_t n, start, end; } Row;

/* The label's start and the first double blank after it; 0 when the line has no such label or holds a tab. */
static int label_span(PyObject *line, Row *row) {
    row->s = PyUnicode_1BYTE_DATA(line);
    row->n = PyUnicode_GET_LENGTH(line);
    Py_ssize_t p = 0;
    while (p < row->n && row->s[p] == ' ') p++;
    row->start = p;
    row->end = -1;
    for (Py_ssize_t i = p; i + 1 < row->n; i++) {
        if (row->s[i] == ' ' && row->s[i + 1] == ' ') { row->end = i; break; }
    }
    if (row->end <= row->start || memchr(row->s, '\t', (size_t)row->n) != NULL) return 0;
    return 1;
}

/* The next whitespace-separated token at or after *at: its start, or -1; *at moves past it. */
static Py_ssize_t next_token(const Row *row, Py_ssize_t *at, Py_ssize_t *length) {
    Py_ssize_t i = *at;
    while (i < row->n && is_space(row->s[i])) i++;
    if (i >= row->n) return -1;
    Py_ssize_t j = i;
    while (j < row->n && !is_space(row->s[j])) j++;
    *at = j;
    *length = j - i;
    return i;
}

static PyObject *number_row_kind(PyObject *module, PyObject *line) {
    Row row;
    if (!PyUnicode_Check(line)) { PyErr_SetString(PyExc_TypeError, "a str is needed"); return NULL; }
    if (!PyUnicode_IS_ASCII(line)) return PyLong_FromLong(-1);
    if (!label_span(line, &row)) return PyLong_FromLong(0);
    chars body = row.s + row.start;
    Py_ssize_t rest = row.n - row.start;
    if ((rest >= 5 && memcmp(body, "Class", 5) == 0) || (rest >= 7 && memcmp(body, "Tranche", 7) == 0))
        return PyLong_FromLong(0);
    Py_ssize_t at = row.end, length = 0, count = 0, first;
    while ((first = next_token(&row, &at, &length)) >= 0) {
        if (count == 0 && length == 1 && row.s[first] == '1') return PyLong_FromLong(0);
        if (!number_token(row.s + first, length)) return PyLong_FromLong(0);
        count++;
    }
    if (count < 3) return PyLong_FromLong(0);
    return PyLong_FromLong(memchr(body, ' ', (size_t)(row.end - row.start)) != NULL ? 2 : 1);
}

/* A new tuple of the given items, whose references it steals (NULL, the items released, when one is NULL). */
static PyObject *tuple_of(Py_ssize_t size, PyObject **items) {
    PyObject *tuple = NULL;
    for (Py_ssize_t k = 0; k < size; k++) if (items[k] == NULL) goto failed;
    if ((tuple = PyTuple_New(size)) == NULL) goto failed;
    for (Py_ssize_t k = 0; k < size; k++) PyTuple_SET_ITEM(tuple, k, items[k]);
    return tuple;
failed:
    for (Py_ssize_t k = 0; k < size; k++) Py_XDECREF(items[k]);
    return NULL;
}

/* A cell: (start, end, text, is_value); steals text. */
static PyObject *cell(Py_ssize_t start, Py_ssize_t end, PyObject *text, int is_value) {
    PyObject *items[4] = {PyLong_FromSsize_t(start), PyLong_FromSsize_t(end), text,
                          Py_NewRef(is_value ? Py_True : Py_False)};
    return tuple_of(4, items);
}

static PyObject *number_cells(PyObject *module, PyObject *line) {
    Row row;
    if (!PyUnicode_Check(line)) { PyErr_SetString(PyExc_TypeError, "a str is needed"); return NULL; }
    if (!PyUnicode_IS_ASCII(line)) Py_RETURN_FALSE;
    if (!label_span(line, &row)) Py_RETURN_NONE;
    Py_ssize_t at = row.end, length = 0, first;
    while ((first = next_token(&row, &at, &length)) >= 0) {
        if (!number_token(row.s + first, length)) Py_RETURN_NONE;
    }
    PyObject *cells = PyList_New(0);
    if (cells == NULL) return NULL;
    at = row.end;
    while ((first = next_token(&row, &at, &length)) >= 0) {
        PyObject *found = cell(first, first + length, PyUnicode_Substring(line, first, first + length), 1);
        if (found == NULL || PyList_Append(cells, found) < 0) { Py_XDECREF(found); Py_DECREF(cells); return NULL; }
        Py_DECREF(found);
    }
    PyObject *items[3] = {PyLong_FromSsize_t(row.start), PyLong_FromSsize_t(row.end), cells};
    return tuple_of(3, items);
}

/* Whether s[left:right] (clamped like a slice) holds nothing but whitespace. */
static int blank(chars s, Py_ssize_t n, Py_ssize_t left, Py_ssize_t right) {
    if (right > n) right = n;
    for (Py_ssize_t i = left; i < right; i++) if (!is_space(s[i])) return 0;
    return 1;
}

static int has_blank_pair(chars s, Py_ssize_t left, Py_ssize_t right, int *single) {
    for (Py_ssize_t i = left; i < right; i++) {
        if (s[i] != ' ') continue;
        if (i + 1 < right && s[i + 1] == ' ') return 1;
        *single = 1;
    }
    return 0;
}

/* One column's text, stripped: its bounds in *left, *right. */
static void stripped(chars s, Py_ssize_t n, Py_ssize_t *left, Py_ssize_t *right) {
    if (*right > n) *right = n;
    if (*left > *right) *left = *right;
    while (*left < *right && is_space(s[*left])) (*left)++;
    while (*right > *left && is_space(s[*right - 1])) (*right)--;
}

static int printed(chars s, Py_ssize_t n, Py_ssize_t at) { return at >= 0 && at < n && s[at] != ' '; }

#define MAX_COLUMNS 256

/* cut(text, bounds, tight): grid._Cutter.cut for one row. bounds: the columns' (left, right) flattened; tight: the
 * k whose column k+1 starts less than two characters after column k ends. */
static PyObject *cut(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyTuple_Check(args[1]) || !PyTuple_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "cut(text: str, bounds: tuple[int, ...], tight: tuple[int, ...])");
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t columns = PyTuple_GET_SIZE(args[1]) / 2, left[MAX_COLUMNS], right[MAX_COLUMNS];
    if (!PyUnicode_IS_ASCII(text) || columns < 1 || columns > MAX_COLUMNS) Py_RETURN_FALSE;
    for (Py_ssize_t k = 0; k < columns; k++) {
        left[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[1], 2 * k));
        right[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[1], 2 * k + 1));
    }
    if (PyErr_Occurred()) return NULL;
    chars s = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), first = left[0];
    for (Py_ssize_t k = 0; k < columns; k++) {  /* nothing printed between the columns or after the last */
        if (!blank(s, n, right[k], k + 1 < columns ? left[k + 1] : n)) Py_RETURN_NONE;
    }
    Py_ssize_t label_end = first < n ? first : n, start = 0;
    int single = 0;
    while (label_end > 0 && is_space(s[label_end - 1])) label_end--;
    while (start < label_end && s[start] == ' ') start++;
    if (start == label_end || first - label_end < 2) Py_RETURN_NONE;
    int spaced = 0;
    if (has_blank_pair(s, start, label_end, &spaced)) Py_RETURN_NONE;
    Py_ssize_t from[MAX_COLUMNS], to[MAX_COLUMNS];
    for (Py_ssize_t k = 0; k < columns; k++) {
        from[k] = left[k], to[k] = right[k];
        stripped(s, n, &from[k], &to[k]);
        int one = 0;
        if (has_blank_pair(s, from[k], to[k], &one)) Py_RETURN_NONE;
        single |= one;
    }
    if (spaced || single) Py_RETURN_FALSE; /* split_chunk decides: the Python reading */
    for (Py_ssize_t t = 0; t < PyTuple_GET_SIZE(args[2]); t++) {
        Py_ssize_t k = PyLong_AsSsize_t(PyTuple_GET_ITEM(args[2], t));
        if (k < 0 || k + 1 >= columns) { if (PyErr_Occurred()) return NULL; Py_RETURN_FALSE; }
        if (printed(s, n, right[k] - 1) && printed(s, n, left[k + 1])) Py_RETURN_FALSE;
    }
    PyObject *values = PyList_New(columns);
    if (values == NULL) return NULL;
    for (Py_ssize_t k = 0; k < columns; k++) {
        PyObject *value = from[k] < to[k] ? PyUnicode_Substring(text, from[k], to[k]) : Py_NewRef(Py_None);
        if (value == NULL) { Py_DECREF(values); return NULL; }
        PyList_SET_ITEM(values, k, value);
    }
    PyObject *items[2] = {cell(start, label_end, PyUnicode_Substring(text, start, label_end), 0), values};
    return tuple_of(2, items);
}

/* split_gaps(line): re.split(r"( {2,})", line), for a str of any kind: the texts between runs of two blanks or more,
 * each run kept between them. */
static PyObject *split_gaps(PyObject *module, PyObject *line) {
    if (!PyUnicode_Check(line)) { PyErr_SetString(PyExc_TypeError, "a str is needed"); return NULL; }
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t n = PyUnicode_GET_LENGTH(line), from = 0;
    PyObject *parts = PyList_New(0);
    if (parts == NULL) return NULL;
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        if (PyUnicode_READ(kind, data, i) != ' ' || PyUnicode_READ(kind, data, i + 1) != ' ') continue;
        Py_ssize_t end = i + 2;
        while (end < n && PyUnicode_READ(kind, data, end) == ' ') end++;
        PyObject *text = PyUnicode_Substring(line, from, i), *gap = NULL;
        int failed = text == NULL || PyList_Append(parts, text) < 0 ||
                     (gap = PyUnicode_Substring(line, i, end)) == NULL || PyList_Append(parts, gap) < 0;
        Py_XDECREF(text);
        Py_XDECREF(gap);
        if (failed) { Py_DECREF(parts); return NULL; }
        from = end;
        i = end - 1;
    }
    PyObject *rest = PyUnicode_Substring(line, from, n);
    if (rest == NULL || PyList_Append(parts, rest) < 0) { Py_XDECREF(rest); Py_DECREF(parts); return NULL; }
    Py_DECREF(rest);
    return parts;
}

static PyMethodDef methods[] = {
    {"split_gaps", (PyCFunction)split_gaps, METH_O, NULL},
    {"number_row_kind", (PyCFunction)number_row_kind, METH_O, NULL},
    {"number_cells", (PyCFunction)number_cells, METH_O, NULL},
    {"cut", (PyCFunction)(void (*)(void))cut, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, 0, methods};

PyMODINIT_FUNC PyInit__scan(void) { return PyModule_Create(&module); }
