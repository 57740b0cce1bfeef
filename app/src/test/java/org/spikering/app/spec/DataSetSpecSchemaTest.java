package org.spikering.app.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.spikering.app.spec.data.DataArray;
import org.spikering.app.spec.data.DataSetSpec;

/**
 * The {@code data_set} schema fragment ({@code schema/data.json}) in the composed schema, and binding to
 * {@link DataSetSpec} with the core's binder: a file is a string or {file, key}; unknown fields and out-of-range
 * values are schema errors at the right path.
 */
final class DataSetSpecSchemaTest {

    private static final JsonSchema DATA_SET;

    static {
        final ObjectNode s = Spec.BINDER.createObjectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.set("$defs", SpecSchema.get().document().get("$defs"));
        s.put("$ref", "#/$defs/data_set");
        DATA_SET = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(s,
                SchemaValidatorsConfig.builder().build());
    }

    private static JsonNode yaml(final String text) throws Exception {
        return Spec.YAML.readTree(text);
    }

    private static Set<String> problems(final String text) throws Exception {
        final Set<String> at = new TreeSet<>();
        for (ValidationMessage m : DATA_SET.validate(yaml(text))) {
            final String path = SpecSchema.path(m.getInstanceLocation());
            final String field = m.getProperty() == null ? path : path.isEmpty() ? m.getProperty() : path + "." + m.getProperty();
            at.add(m.getType() + " " + field);
        }
        return at;
    }

    @Test
    void stringAndObjectFormsBindAndValidate() throws Exception {
        final String text = "inputs: train.npz\ntargets: {file: train.npz, key: labels}\nrecall_steps: 150\n"
                + "test: {inputs: test.npz, targets: test.npz}\nshuffle_seed: 4\n";
        assertEquals(Set.of(), problems(text));
        final DataSetSpec d = Spec.BINDER.treeToValue(yaml(text), DataSetSpec.class);
        assertEquals(new DataArray("train.npz", null), d.inputs());
        assertEquals(new DataArray("train.npz", "labels"), d.targets());
        assertEquals(150, d.recallSteps());
        assertEquals("test.npz", d.test().targets().file());
        assertEquals(4L, d.shuffleSeed());
        assertNull(d.lossMask());
        assertEquals(7L, Spec.BINDER.treeToValue(yaml("inputs: a.npz\ntargets: a.npz\n"), DataSetSpec.class)
                .withDefaultSeed(7).shuffleSeed());
    }

    @Test
    void badDataSetsFailAtTheirField() throws Exception {
        assertEquals(Set.of("additionalProperties input", "required inputs"), problems("input: a.npz\ntargets: a.npz\n"));
        assertEquals(Set.of("required targets"), problems("inputs: a.npz\n"));
        assertEquals(Set.of("exclusiveMaximum test_fraction"), problems("inputs: a.npz\ntargets: a.npz\ntest_fraction: 1\n"));
        assertEquals(Set.of("minimum recall_steps"), problems("inputs: a.npz\ntargets: a.npz\nrecall_steps: 0\n"));
        assertEquals(Set.of("exclusiveMinimum sequence_ms"), problems("inputs: a.csv\ntargets: b.csv\nsequence_ms: 0\n"));
        assertEquals(Set.of("additionalProperties targets.name"), problems("inputs: a.npz\ntargets: {file: a.npz, name: x}\n"));
        assertEquals(Set.of("required inputs.file"), problems("inputs: {key: x}\ntargets: a.npz\n"));
        assertEquals(Set.of("type inputs"), problems("inputs: 3\ntargets: a.npz\n"));
        assertThrows(Exception.class, () -> Spec.BINDER.treeToValue(yaml("inputs: a.npz\ntargets: a.npz\nbogus: 1\n"),
                DataSetSpec.class));
    }
}
