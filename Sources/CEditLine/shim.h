#include <stdio.h>
#include <histedit.h>

// libedit's native API (histedit.h) rather than its readline emulation: it exposes the line being
// edited (el_line) and a replaceable character reader (EL_GETCFN), which Ctrl-C handling needs.
// Swift cannot call the variadic el_set, el_get and history, so these wrappers fix their arguments.

/// The function libedit calls to get the prompt.
typedef char *(*recast_prompt_function)(EditLine *);
/// An editor command bound to a key; returns one of the CC_ codes.
typedef unsigned char (*recast_key_function)(EditLine *, int);

static inline int recast_el_set_prompt(EditLine *el, recast_prompt_function function) {
    return el_set(el, EL_PROMPT, function);
}

static inline int recast_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int recast_el_set_reader(EditLine *el, el_rfunc_t function) {
    return el_set(el, EL_GETCFN, function);
}

static inline int recast_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *recast_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

/// Adds `function` as the editor command `name` and binds `key` (in libedit's notation, "^I").
static inline int recast_el_bind(EditLine *el, const char *key, const char *name, const char *help,
                                 recast_key_function function) {
    if (el_set(el, EL_ADDFN, name, help, function) != 0) return -1;
    return el_set(el, EL_BIND, key, name, NULL);
}

/// Puts the terminal in libedit's editing mode now (el_gets would do it only at the first key).
static inline int recast_el_prepare_terminal(EditLine *el) {
    return el_set(el, EL_PREP_TERM, 1);
}

static inline int recast_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int recast_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

static inline int recast_history_enter(History *h, const char *line) {
    HistEvent event;
    return history(h, &event, H_ENTER, line);
}

/// The standard streams, which Swift 6 will not read as C globals.
static inline FILE *recast_stdin(void) { return stdin; }
static inline FILE *recast_stdout(void) { return stdout; }
static inline FILE *recast_stderr(void) { return stderr; }
