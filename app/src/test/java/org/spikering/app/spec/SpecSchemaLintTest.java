package org.spikering.app.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules every schema fragment follows, so that every spec problem comes out as one readable line: the composed
 * schema is a valid draft 2020-12 schema (checked against the published meta-schema, which the validator ships), every
 * object forbids unknown fields, every property is described (a branch refining a described property may leave it out), no oneOf/anyOf (their failures list every branch), every
 * {@code $ref} resolves, and every default is valid under its own property's schema.
 */
class SpecSchemaLintTest {

    private final JsonNode doc = SpecSchema.get().document();

    @Test
    void composedSchemaIsAValidDraft202012Schema() {
        final var meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        final Set<ValidationMessage> m = meta.validate(doc);
        assertTrue(m.isEmpty(), m.toString());
        // the check can fail: a schema whose type is a number is not a schema
        final var broken = ((com.fasterxml.jackson.databind.node.ObjectNode) doc).deepCopy();
        broken.put("type", 5);
        assertTrue(!meta.validate(broken).isEmpty());
    }

    @Test
    void everyFragmentFollowsTheRules() {
        final List<String> bad = new ArrayList<>();
        walk(doc, "", bad);
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    private void walk(final JsonNode s, final String at, final List<String> bad) {
        if (!s.isObject()) {
            return;
        }
        if (s.has("oneOf") || s.has("anyOf")) {
            bad.add(at + ": uses oneOf/anyOf (use a discriminator with if/then)");
        }
        if (s.has("$ref")) {
            final String ref = s.get("$ref").asText();
            if (!ref.startsWith("#/") || doc.at(ref.substring(1)).isMissingNode()) {
                bad.add(at + ": $ref " + ref + " does not resolve");
            }
        }
        final JsonNode type = s.get("type");
        final boolean object = type != null && (type.asText().equals("object")
                || type.isArray() && type.toString().contains("\"object\""));
        if (object && s.has("properties") && !s.has("additionalProperties") && !s.has("unevaluatedProperties")) {
            bad.add(at + ": an object without additionalProperties: false (unknown fields would pass)");
        }
        if (s.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields(); it.hasNext();) {
                final Map.Entry<String, JsonNode> p = it.next();
                final JsonNode ps = p.getValue();
                if (!ps.has("description") && !ps.has("$ref") && !at.contains("/if") && !at.contains("/then") && !at.contains("/else")) {
                    bad.add(at + "/properties/" + p.getKey() + ": no description");
                }
                if (ps.has("default")) {
                    final var one = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(withDefs(ps));
                    final Set<ValidationMessage> m = one.validate(ps.get("default"));
                    if (!m.isEmpty()) {
                        bad.add(at + "/properties/" + p.getKey() + ": default " + ps.get("default") + " is invalid: " + m);
                    }
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
            final Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                walk(e.getValue(), at + "/" + e.getKey(), bad);
            } else if (e.getValue().isArray()) {
                int i = 0;
                for (JsonNode x : e.getValue()) {
                    walk(x, at + "/" + e.getKey() + "/" + i++, bad);
                }
            }
        }
    }

    private JsonNode withDefs(final JsonNode propertySchema) {
        final var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) propertySchema).deepCopy();
        copy.set("$defs", doc.get("$defs"));
        return copy;
    }
}
