// imports.js - functions the wasm module imports from its host (env.*),
// declared for emcc (--js-library) so that the link knows where they come
// from. With STANDALONE_WASM these bodies are not used: web/oasview.mjs
// passes the real ones (HostRegex) when it instantiates the module.
mergeInto(LibraryManager.library, {
  // `pattern` through the host's RegExp with the `u` flag (src/validate/schema/regex_host.c).
  oasv_host_regex_compile: function (ptr, len) { return 0; },
  oasv_host_regex_test: function (handle, ptr, len) { return -1; },
  oasv_host_regex_free: function (handle) {},
});
