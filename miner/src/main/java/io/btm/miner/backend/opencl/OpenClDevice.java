package io.btm.miner.backend.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device, numbered across all platforms in discovery order.
 *
 * @param maxAllocation the largest single buffer the device allows
 * @param localMemory   bytes of local memory a work-group may use
 * @param extensions    the device's OpenCL extensions, space-separated
 * @param computeCapability NVIDIA's compute capability as major × 10 + minor (90 for an H100 or
 *                      H200), or 0 where the device does not report one
 */
public record OpenClDevice(int index, String name, String vendor, String platform, String version,
                           long globalMemory, long maxAllocation, long localMemory, int computeUnits, boolean cpu,
                           String extensions, int computeCapability, cl_platform_id platformId, cl_device_id deviceId) {

    public String label() {
        return index + " (" + name + ")";
    }

    public boolean hasExtension(String extension) {
        return lists(extensions, extension);
    }

    /** Whether a space-separated list of extensions names this one. */
    static boolean lists(String extensions, String extension) {
        return (" " + extensions + " ").contains(" " + extension + " ");
    }

    /** NVIDIA's OpenCL driver, whose compiler takes inline PTX. */
    public boolean nvidia() {
        return vendor.toUpperCase(java.util.Locale.ROOT).contains("NVIDIA");
    }
}
