/* tree_json.c - the document tree printed back as JSON (tests, tools, the YAML-to-JSON view). */
#include "report/report.h"

#include "load/tree.h"

#include <math.h>
#include <string.h>

static void print_number(const oasv_tree *tree, const cJSON *node, oasv_buf *out)
{
    size_t len;
    const char *raw = oasv_tree_raw(tree, node, &len);
    double v = node->valuedouble;
    if (oasv_number_text_is_json(raw, len)) oasv_buf_append(out, raw, len);
    else if (!isfinite(v)) oasv_buf_puts(out, "null");
    else if (v == floor(v) && fabs(v) < 1e15) oasv_buf_printf(out, "%.0f", v);
    else oasv_buf_printf(out, "%.17g", v);
}

void oasv_report_tree_json(const oasv_tree *tree, const cJSON *node, oasv_buf *out)
{
    switch (node->type & 0xFF) {
    case cJSON_NULL: oasv_buf_puts(out, "null"); return;
    case cJSON_True: oasv_buf_puts(out, "true"); return;
    case cJSON_False: oasv_buf_puts(out, "false"); return;
    case cJSON_Number: print_number(tree, node, out); return;
    case cJSON_String: {
        size_t len;
        const char *text = oasv_node_string(node, &len);
        oasv_buf_json_string(out, text, len);
        return;
    }
    case cJSON_Array:
    case cJSON_Object: {
        bool object = cJSON_IsObject(node);
        oasv_buf_putc(out, object ? '{' : '[');
        for (const cJSON *c = node->child; c && !out->oom; c = c->next) {
            if (c != node->child) oasv_buf_putc(out, ',');
            if (object) {
                oasv_buf_json_string(out, c->string, strlen(c->string));
                oasv_buf_putc(out, ':');
            }
            oasv_report_tree_json(tree, c, out); /* depth is bounded by max_depth */
        }
        oasv_buf_putc(out, object ? '}' : ']');
        return;
    }
    default: oasv_buf_puts(out, "null");
    }
}
