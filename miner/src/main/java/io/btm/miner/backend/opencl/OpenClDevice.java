package io.btm.miner.backend.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device, numbered across all platforms in discovery order.
 *
 * @param maxAllocation the largest single buffer the device allows
 */
public record OpenClDevice(int index, String name, String vendor, String platform, String version,
                           long globalMemory, long maxAllocation, int computeUnits, boolean cpu,
                           cl_platform_id platformId, cl_device_id deviceId) {

    public String label() {
        return index + " (" + name + ")";
    }
}
