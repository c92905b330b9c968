package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * What the JSON writers share: generators that leave the caller's stream open, and the field
 * shapes that occur in several documents, with nulls written as {@code null}.
 */
final class JsonFields {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFields() {}

    /** Without whitespace; the caller frames the documents. */
    static JsonGenerator compact(Writer out) throws IOException {
        return FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** A document for people too: two-space indentation, {@code "field" : value}. */
    static JsonGenerator indented(Writer out) throws IOException {
        return compact(out).useDefaultPrettyPrinter();
    }

    static void number(JsonGenerator json, String field, Long value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value.longValue());
        }
    }

    static void number(JsonGenerator json, String field, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value.doubleValue());
        }
    }

    static void numbers(JsonGenerator json, String field, List<Long> values) throws IOException {
        if (values == null) {
            json.writeNullField(field);
            return;
        }
        json.writeArrayFieldStart(field);
        for (Long v : values) {
            if (v == null) {
                json.writeNull();
            } else {
                json.writeNumber(v.longValue());
            }
        }
        json.writeEndArray();
    }

    static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        if (values == null) {
            json.writeNullField(field);
            return;
        }
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    /** Counts by name, in the map's order. */
    static void counts(JsonGenerator json, String field, Map<String, Long> counts) throws IOException {
        if (counts == null) {
            json.writeNullField(field);
            return;
        }
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            number(json, e.getKey(), e.getValue());
        }
        json.writeEndObject();
    }
}
