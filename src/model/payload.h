/*
 * payload.h - validating payloads (request bodies, responses, webhook
 * deliveries) against the schemas a document gives for them (payload.c).
 * The public entry point is oasv_doc_validate_payload() in oasv.h.
 */
#ifndef OASV_MODEL_PAYLOAD_H
#define OASV_MODEL_PAYLOAD_H

#include "core/doc.h"

/** Free the compiled schemas a document keeps for payload validation (oasv_doc_free calls it). */
void oasv_payload_cache_free(oasv_doc *doc);

#endif
