/* TEST-ONLY. Never ship this DLL.
 *
 * Rust's standard library (since 1.78) gets its random numbers from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has. Debian 12's Wine 8 lacks it, so
 * a Rust program does not even start there. .ci/run builds this one-function stand-in and
 * puts it beside teamscape.exe in a scratch folder, only to run the Windows build under
 * Wine; scripts/package-windows.sh never packs it. */
#include <windows.h>
#include <ntsecapi.h> /* RtlGenRandom, which is advapi32's SystemFunction036 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
