/*
 * A stand-in for Windows' bcryptprimitives.dll under Wine 8.0, which lacks it.
 *
 * Rust's standard library (1.78+) takes its random bytes (HashMap seeds and
 * more) from ProcessPrng in bcryptprimitives.dll, so every Rust .exe fails to
 * start under Wine 8.0 ("Library bcryptprimitives.dll ... not found"). This
 * DLL exports ProcessPrng and fills the buffer from RtlGenRandom
 * (advapi32!SystemFunction036), which Wine implements with the host's CSPRNG.
 * Used only by scripts/test-platforms.sh, placed in the Wine prefix's
 * system32; real Windows (8 and later) has the real DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    /* The real ProcessPrng never fails; callers treat FALSE as fatal. */
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}
