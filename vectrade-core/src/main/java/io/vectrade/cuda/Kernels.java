package io.vectrade.cuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every kernel of the fatbin with its parameter types, declared once. Each launch is checked
 * against it (on the device and on the host stand-in), and a test compares it with the
 * {@code .entry} parameter lists of the PTX nvcc builds, so a wrong argument type or count fails
 * {@code mvn verify} instead of reading garbage on a GPU.
 *
 * <p>Signature letters, one per parameter, and the Java argument each takes:
 * <pre>
 *   p  .u64  a device pointer            Long
 *   i  .u32  an int                      Integer
 *   d  .f64  a double                    Double
 *   f  .f32  a float                     Float
 * </pre>
 * A name marked {@code *} exists as {@code vt_<name>_f32} and {@code vt_<name>_f64} with the same
 * parameters; the others as {@code vt_<name>}. Immutable and thread-safe.
 */
final class Kernels {
    private static final Map<String, String> SIGNATURES = build(
            "adx* pppppii",
            "adx_avg_apply* ppppiii",
            "adx_avg_carry* pppiiii",
            "adx_avg_local* pppiii",
            "adx_scan_carry* pppppiiii",
            "adx_scan_dx* ppppppiii",
            "adx_scan_local* pppppiii",
            "atr* pppppii",
            "atr_scan_apply* ppppppiii",
            "atr_scan_carry* pppppiiii",
            "atr_scan_local* pppppiii",
            "bbands* pppppiiid",
            "bbands_running* pppppiid",
            "caps* ppppiiddd",
            "caps_blocks* ppiid",
            "caps_sums ppiii",
            "cci* pppppiii",
            "ema* pppii",
            "ema_scan_apply* ppppiii",
            "ema_scan_carry* pppiiii",
            "ema_scan_local* pppiii",
            "gather* ppppppppppppii",
            "gather_apply* ppppppppppppiii",
            "gather_count* ppiii",
            "gather_prefix* ppii",
            "live_reset* pppi",
            "live_tick* pppppppppi",
            "logret* pppiii",
            "macd* pppppiiii",
            "macd_scan_apply* ppppppiiiii",
            "macd_scan_carry* pppiiiiii",
            "macd_scan_local* pppiiii",
            "macd_signal_apply* pppppiiiii",
            "macd_signal_carry* pppiiiiii",
            "macd_signal_local* pppiiiii",
            "momentum* pppiii",
            "nan_prefix* ppiii",
            "obv* ppppi",
            "obv_scan_apply* pppppii",
            "obv_scan_carry* pppiii",
            "obv_scan_local* ppppii",
            "predict16* pippippp",
            "predict256* pippippp",
            "predict64* pippippp",
            "rank* ppppiiiid",
            "roc* pppiii",
            "rsi* pppii",
            "rsi_scan_apply* ppppiii",
            "rsi_scan_carry* pppiiii",
            "rsi_scan_local* pppiii",
            "scatter* pppiii",
            "stoch_fastk* pppppiii",
            "threshold* pppppiiiddddd",
            "threshold_reset* pi",
            "volatility* pppiii",
            "voltarget* ppppiid",
            "vwap* ppppppiii",
            "willr* pppppiii",
            "window_mean* pppiiii",
            "zscore* pppiii");

    private Kernels() {
    }

    private static Map<String, String> build(String... lines) {
        Map<String, String> m = new HashMap<>();
        for (String line : lines) {
            String[] p = line.split(" ");
            String name = p[0];
            if (name.endsWith("*")) {
                String base = "vt_" + name.substring(0, name.length() - 1);
                m.put(base + "_f32", p[1]);
                m.put(base + "_f64", p[1]);
            } else {
                m.put("vt_" + name, p[1]);
            }
        }
        return Map.copyOf(m);
    }

    /** Kernel name → signature letters, e.g. {@code vt_rsi_f64 → pppii}. */
    static Map<String, String> signatures() {
        return SIGNATURES;
    }

    /**
     * Checks a launch's arguments against the kernel's declared parameters; allocates nothing
     * when they match.
     *
     * @throws IllegalArgumentException naming the kernel, the parameter and the types when they do not
     */
    static void check(String kernel, Object[] args) {
        String sig = SIGNATURES.get(kernel);
        if (sig == null) {
            throw new IllegalArgumentException("unknown kernel, kernel=" + kernel);
        }
        if (sig.length() != args.length) {
            throw new IllegalArgumentException("wrong number of kernel arguments, kernel=" + kernel + " expected="
                    + sig.length() + " got=" + args.length);
        }
        for (int k = 0; k < args.length; k++) {
            char c = sig.charAt(k);
            Object a = args[k];
            boolean ok = switch (c) {
                case 'p' -> a instanceof Long;
                case 'i' -> a instanceof Integer;
                case 'd' -> a instanceof Double;
                case 'f' -> a instanceof Float;
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException("wrong kernel argument type, kernel=" + kernel + " index=" + k
                        + " expected=" + describe(c) + " got=" + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
    }

    /** The parameter types of {@code letters} as PTX writes them ({@code .u64}, {@code .u32}, ...). */
    static List<String> ptxTypes(String letters) {
        return letters.chars().mapToObj(c -> switch (c) {
            case 'p' -> "u64";
            case 'i' -> "u32";
            case 'd' -> "f64";
            case 'f' -> "f32";
            default -> "?";
        }).toList();
    }

    private static String describe(char c) {
        return switch (c) {
            case 'p' -> "pointer (Long)";
            case 'i' -> "int (Integer)";
            case 'd' -> "double (Double)";
            case 'f' -> "float (Float)";
            default -> "?";
        };
    }
}
