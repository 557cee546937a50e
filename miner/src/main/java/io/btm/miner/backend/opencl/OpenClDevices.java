package io.btm.miner.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_VENDOR;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

/** Discovery of the OpenCL devices of every installed platform. */
public final class OpenClDevices {
    // From cl_nv_device_attribute_query (NVIDIA's cl_ext_nv.h).
    private static final int CL_DEVICE_COMPUTE_CAPABILITY_MAJOR_NV = 0x4000;
    private static final int CL_DEVICE_COMPUTE_CAPABILITY_MINOR_NV = 0x4001;

    private OpenClDevices() {
    }

    /** Every device of every platform; an {@link OpenClException} saying what to install if there is none. */
    public static List<OpenClDevice> list() {
        loadLibrary();
        List<OpenClDevice> devices = new ArrayList<>();
        for (cl_platform_id platform : platforms()) {
            String platformName = platformString(platform, CL_PLATFORM_NAME);
            int[] count = new int[1];
            try {
                CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
            } catch (CLException e) {
                continue; // a platform without devices (CL_DEVICE_NOT_FOUND) is skipped
            }
            cl_device_id[] ids = new cl_device_id[count[0]];
            CL.clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            for (cl_device_id id : ids) {
                String extensions = deviceString(id, CL_DEVICE_EXTENSIONS);
                devices.add(new OpenClDevice(devices.size(), deviceString(id, CL_DEVICE_NAME),
                        deviceString(id, CL_DEVICE_VENDOR), platformName, deviceString(id, CL_DEVICE_VERSION),
                        deviceLong(id, CL_DEVICE_GLOBAL_MEM_SIZE), deviceLong(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                        deviceLong(id, CL_DEVICE_LOCAL_MEM_SIZE), deviceInt(id, CL_DEVICE_MAX_COMPUTE_UNITS),
                        (deviceLong(id, CL_DEVICE_TYPE) & CL_DEVICE_TYPE_CPU) != 0, extensions, computeCapability(id, extensions),
                        platform, id));
            }
        }
        if (devices.isEmpty()) {
            throw new OpenClException("no OpenCL device found: " + OpenClException.INSTALL_HINT);
        }
        return devices;
    }

    public static OpenClDevice get(int index) {
        List<OpenClDevice> devices = list();
        if (index < 0 || index >= devices.size()) {
            throw new OpenClException("no OpenCL device " + index + ": there are " + devices.size()
                    + " (0 to " + (devices.size() - 1) + "); see 'miner devices'");
        }
        return devices.get(index);
    }

    /** JOCL loads {@code libOpenCL.so} when its class initializes; without one it fails for good. */
    private static void loadLibrary() {
        try {
            CL.setExceptionsEnabled(true);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new OpenClException("no OpenCL library (libOpenCL.so) found: " + OpenClException.INSTALL_HINT, e);
        }
    }

    private static cl_platform_id[] platforms() {
        int[] count = new int[1];
        try {
            CL.clGetPlatformIDs(0, null, count);
        } catch (CLException e) {
            // No libOpenCL, or a loader with no vendor driver (CL_PLATFORM_NOT_FOUND_KHR).
            throw new OpenClException("no OpenCL platform found (" + e.getMessage() + "): " + OpenClException.INSTALL_HINT, e);
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        CL.clGetPlatformIDs(platforms.length, platforms, null);
        return platforms;
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return cString(buffer);
    }

    /** {@code cl_nv_device_attribute_query}'s compute capability, as major × 10 + minor; 0 without the extension. */
    private static int computeCapability(cl_device_id device, String extensions) {
        if (!OpenClDevice.lists(extensions, "cl_nv_device_attribute_query")) {
            return 0;
        }
        return deviceInt(device, CL_DEVICE_COMPUTE_CAPABILITY_MAJOR_NV) * 10 + deviceInt(device, CL_DEVICE_COMPUTE_CAPABILITY_MINOR_NV);
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    private static int deviceInt(cl_device_id device, int param) {
        int[] value = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(value), null);
        return value[0];
    }

    private static String cString(byte[] buffer) {
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8).trim();
    }
}
