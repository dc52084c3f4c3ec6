// vectrade live kernels: streaming feature state resident on the device, one tick (one bar per
// instrument) per launch. Included by vectrade.cu; same conventions as the feature kernels.
#pragma once
