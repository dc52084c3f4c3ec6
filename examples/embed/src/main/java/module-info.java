/** An application that embeds vectrade-core through its exported API only. */
module com.example.signals {
    requires io.vectrade.core;
}
