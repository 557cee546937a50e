package io.btm.verify;

import io.btm.verify.model.MinerCommand;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MinerCommandTest {
    @Test
    void placeholdersAreFilledWordByWord() {
        MinerCommand command = MinerCommand.of("nbminer", "-a", "tensority", "-o", "{url}", "-u", "{user}.x", "--api", "127.0.0.1:{api}");
        assertThat(command.resolve(Map.of("url", "stratum+tcp://127.0.0.1:4000", "user", "w", "api", "4068")))
                .containsExactly("nbminer", "-a", "tensority", "-o", "stratum+tcp://127.0.0.1:4000", "-u", "w.x", "--api", "127.0.0.1:4068");
        assertThat(command.uses(MinerCommand.URL2)).isFalse();
    }

    @Test
    void aCommandThatCannotFindThePoolOrNamesAnUnknownPlaceholderIsRefused() {
        assertThatThrownBy(() -> MinerCommand.of("miner", "-o", "127.0.0.1:3333")).hasMessageContaining("no {url} placeholder");
        assertThatThrownBy(() -> MinerCommand.of("miner", "-o", "{url}", "-p", "{password}")).hasMessageContaining("unknown placeholder {password}");
        assertThatThrownBy(() -> new MinerCommand(java.util.List.of())).hasMessageContaining("empty");
    }
}
