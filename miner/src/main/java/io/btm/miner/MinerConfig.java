package io.btm.miner;

import io.btm.miner.compute.BackendSpec;
import io.btm.miner.net.ClientSettings;
import io.btm.miner.net.PoolEndpoint;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything a mining run needs, from flags and the config file. Immutable.
 *
 * @param pools         the pool, then its failover pools, in order
 * @param devices       OpenCL device indices, one mining thread each (the reference backend uses one)
 * @param api           where to serve the status API, or null for none
 * @param printInterval how often the hashrate line is logged
 */
public record MinerConfig(List<PoolEndpoint> pools, BackendSpec backend, List<Integer> devices, ClientSettings client,
                          InetSocketAddress api, Duration printInterval) {

    public MinerConfig {
        pools = List.copyOf(pools);
        devices = List.copyOf(devices);
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("no pool given: -o stratum+tcp://host:port (or http://node:9888 for solo)");
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("no device given (-d)");
        }
        if (devices.stream().distinct().count() != devices.size()) {
            throw new IllegalArgumentException("-d " + devices + ": a device is listed twice");
        }
    }
}
