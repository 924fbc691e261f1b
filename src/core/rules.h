/*
 * rules.h - the registry of diagnostic codes (rule ids) with their default
 * severities, and the per-rule overrides a configuration sets
 * (oasv_rules_new(), public in oasv.h).
 *
 * A stage that adds a diagnostic code adds a line to the table in rules.c;
 * an override then applies to it when the diagnostic is made (core/diag.c).
 */
#ifndef OASV_CORE_RULES_H
#define OASV_CORE_RULES_H

#include "oasv.h"

/** What a configuration says about a rule. */
typedef enum oasv_rule_setting {
    OASV_RULE_DEFAULT = -1, /* not configured */
    OASV_RULE_OFF = 4       /* 0..3 are oasv_severity values */
} oasv_rule_setting;

/** The configured setting for `code` (OASV_RULE_DEFAULT when none or rules is NULL). */
int oasv_rules_setting(const oasv_rules *rules, const char *code);

/** True when the rule is switched off, so a stage may skip its work. */
bool oasv_rule_off(const oasv_rules *rules, const char *code);

#endif
