package io.btm.core.vectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VectorFilesTest {
    private static final String HASH = "00".repeat(32);

    @Test
    void readsThePlainFormat() {
        var vectors = VectorFiles.parse("f.json",
                "{\"vectors\":[{\"header_hash\":\"" + HASH + "\",\"seed\":\"" + HASH + "\",\"result\":\"" + HASH + "\"}]}");
        assertThat(vectors).singleElement().satisfies(v -> assertThat(v.id()).isEqualTo("f.json vectors[0]"));
    }

    @Test
    void namesTheFileEntryAndFieldOfBadHex() {
        assertThatThrownBy(() -> VectorFiles.parse("f.json",
                "{\"vectors\":[{\"header_hash\":\"zz\",\"seed\":\"" + HASH + "\",\"result\":\"" + HASH + "\"}]}"))
                .hasMessageStartingWith("f.json vectors[0]: header_hash: ");
    }

    @Test
    void namesAWrongLength() {
        assertThatThrownBy(() -> VectorFiles.parse("f.json",
                "{\"vectors\":[{\"header_hash\":\"00\",\"seed\":\"" + HASH + "\",\"result\":\"" + HASH + "\"}]}"))
                .hasMessage("f.json vectors[0]: header_hash: expected 32 bytes (64 hex digits), got 2 digits");
    }

    @Test
    void rejectsMalformedJsonAndUnknownFormats() {
        assertThatThrownBy(() -> VectorFiles.parse("f.json", "{\"vectors\":")).hasMessageStartingWith("f.json: not valid JSON");
        assertThatThrownBy(() -> VectorFiles.parse("f.json", "{\"x\":1}")).hasMessageStartingWith("f.json: unknown format");
        assertThatThrownBy(() -> VectorFiles.parse("f.json", "[]")).hasMessage("f.json: expected a JSON object");
    }

    @Test
    void namesAMissingJobField() {
        assertThatThrownBy(() -> VectorFiles.parse("s.json", "{\"cases\":[{\"job\":{}}]}"))
                .hasMessage("s.json cases[0]: job.version: missing");
    }
}
