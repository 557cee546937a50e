package io.btm.miner.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolEndpointTest {
    @Test
    void stratumTlsAndSoloUrls() {
        PoolEndpoint tcp = PoolEndpoint.parse("stratum+tcp://btm.f2pool.com:9221", "bm1q.rig", null);
        assertThat(tcp.protocol()).isEqualTo(PoolEndpoint.Protocol.STRATUM);
        assertThat(tcp.host()).isEqualTo("btm.f2pool.com");
        assertThat(tcp.port()).isEqualTo(9221);
        assertThat(tcp.pass()).isEqualTo("x");
        assertThat(PoolEndpoint.parse("stratum+ssl://pool:443", "u", "p").protocol()).isEqualTo(PoolEndpoint.Protocol.STRATUM_TLS);
        PoolEndpoint solo = PoolEndpoint.parse("http://127.0.0.1", null, null);
        assertThat(solo.protocol()).isEqualTo(PoolEndpoint.Protocol.SOLO);
        assertThat(solo.port()).isEqualTo(9888);
        assertThat(solo.nodeUri("/get-work-json").toString()).isEqualTo("http://127.0.0.1:9888/get-work-json");
    }

    @Test
    void badUrlsSayWhatIsWrong() {
        assertThatThrownBy(() -> PoolEndpoint.parse("btm.f2pool.com:9221", "u", null)).hasMessageContaining("expected stratum+tcp://");
        assertThatThrownBy(() -> PoolEndpoint.parse("stratum+tcp://pool", "u", null)).hasMessageContaining("no port");
        assertThatThrownBy(() -> PoolEndpoint.parse("stratum+tcp://pool:3333", null, null)).hasMessageContaining("-u");
        assertThatThrownBy(() -> PoolEndpoint.parse("stratum+tcp://po ol:1", "u", null)).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> PoolEndpoint.parse("stratum+tcp://127.0.0.1:99999", "u", null))
                .hasMessage("pool stratum+tcp://127.0.0.1:99999: port 99999 is out of range (1 to 65535)");
        assertThatThrownBy(() -> PoolEndpoint.parse("http://127.0.0.1:0", null, null)).hasMessageContaining("port 0 is out of range");
    }
}
