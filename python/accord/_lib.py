"""Finds and loads libaccord.so and calls its one-shot entry point, ac_run.

The library is looked for, in order: $ACCORD_LIBRARY (a path), the library this package
was installed with (_libpath.py, written by `make install`), the system's search path
(ctypes.util.find_library), and libaccord.so.0.
"""
import ctypes
import ctypes.util
import os
import threading

from .errors import AccordError, ModelError, OptionError, Problem

_SONAME = "libaccord.so.0"


class _Error(ctypes.Structure):
    # accord/error.h: ac_error
    _fields_ = [("code", ctypes.c_int), ("file", ctypes.c_char * 256),
                ("line", ctypes.c_int), ("col", ctypes.c_int),
                ("message", ctypes.c_char * 512)]


class _Diag(ctypes.Structure):
    # accord/error.h: ac_diag
    _fields_ = [("file", ctypes.c_char_p), ("line", ctypes.c_int), ("col", ctypes.c_int),
                ("message", ctypes.c_char_p)]


_lib = None
_lock = threading.Lock()

# accord/error.h: AC_STATUS_MAP
_STATUS = {0: "OK", 1: "EINPUT", 2: "EIO", 3: "ENOMEM", 4: "ELIMIT", 5: "EARG", 6: "EINTERNAL"}
_RUN_PATH, _RUN_TEXT = 0, 1


def _candidates():
    env = os.environ.get("ACCORD_LIBRARY")
    if env:
        yield env
        return
    try:
        from . import _libpath
        yield _libpath.LIBRARY
    except ImportError:
        pass
    found = ctypes.util.find_library("accord")
    if found:
        yield found
    yield _SONAME


def library_path():
    """The path of the shared library in use (loads it)."""
    return _load()._name


def _load():
    global _lib
    with _lock:
        if _lib is not None:
            return _lib
        errors = []
        for path in _candidates():
            try:
                lib = ctypes.CDLL(path)
                break
            except OSError as e:
                errors.append("%s: %s" % (path, e))
        else:
            raise OSError("cannot load libaccord (set ACCORD_LIBRARY to its path): "
                          + "; ".join(errors))
        lib.ac_version.restype = ctypes.c_char_p
        lib.ac_version.argtypes = []
        lib.ac_version_num.restype = ctypes.c_int
        lib.ac_version_num.argtypes = []
        lib.ac_run.restype = ctypes.c_int
        lib.ac_run.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                               ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                               ctypes.c_void_p, ctypes.POINTER(_Error)]
        lib.ac_free.restype = None
        lib.ac_free.argtypes = [ctypes.c_void_p]
        lib.ac_diags_new.restype = ctypes.c_void_p
        lib.ac_diags_new.argtypes = []
        lib.ac_diags_free.restype = None
        lib.ac_diags_free.argtypes = [ctypes.c_void_p]
        lib.ac_diags_sort.restype = None
        lib.ac_diags_sort.argtypes = [ctypes.c_void_p]
        lib.ac_diags_count.restype = ctypes.c_size_t
        lib.ac_diags_count.argtypes = [ctypes.c_void_p]
        lib.ac_diags_get.restype = ctypes.POINTER(_Diag)
        lib.ac_diags_get.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        _lib = lib
        return lib


def version():
    return _load().ac_version().decode()


def _text(b):
    return b.decode("utf-8", "replace") if b else ""


def run(what, model, source_is_text, name, options):
    """Calls ac_run; returns the JSON text or raises."""
    lib = _load()
    diags = lib.ac_diags_new()
    if not diags:
        raise MemoryError("accord: out of memory")
    out = ctypes.c_void_p()
    err = _Error()
    try:
        st = lib.ac_run(what.encode(), model.encode("utf-8"),
                        _RUN_TEXT if source_is_text else _RUN_PATH,
                        name.encode("utf-8") if name else None,
                        options.encode("utf-8") if options else None,
                        ctypes.byref(out), diags, ctypes.byref(err))
        if st == 0:
            try:
                return ctypes.string_at(out.value).decode("utf-8")
            finally:
                lib.ac_free(out)
        lib.ac_diags_sort(diags)
        problems = []
        for i in range(lib.ac_diags_count(diags)):
            d = lib.ac_diags_get(diags, i).contents
            problems.append(Problem(_text(d.file), d.line, d.col, _text(d.message)))
    finally:
        lib.ac_diags_free(diags)
    status = _STATUS.get(st, str(st))
    first = problems[0] if problems else Problem(_text(err.file), err.line, err.col,
                                                _text(err.message))
    if status == "EARG":
        raise OptionError(status, first.message)
    if status in ("EINPUT", "EIO", "ELIMIT"):
        raise ModelError(status, first.message, first.file, first.line, first.column, problems)
    if status == "ENOMEM":
        raise MemoryError("accord: " + (first.message or "out of memory"))
    raise AccordError(status, first.message)
