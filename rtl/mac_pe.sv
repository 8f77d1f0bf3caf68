// mac_pe: the arithmetic of one PE of tile_mac for one step: base + (A x B) for int8 operands of
// any signedness, base + the two 4x4-bit products of the nibbles of A and B (int4: the same
// byte carries elements 2j and 2j+1), or base + sum of TF ternary products (add, subtract or
// skip: no multiplier). INT8 / INT4 / TERNARY select which datapaths exist (all for the array;
// one each for the area model in rtl/synth.ys). Modes: isa/formats.def (rtl_mode).
module mac_pe #(
    parameter int TF = 4,
    parameter bit INT8 = 1'b1,
    parameter bit INT4 = 1'b1,
    parameter bit TERNARY = 1'b1
) (
    input  logic [2:0]         mode,   // 0 ss, 1 su, 2 us, 3 uu, 4 ternary, 5 int4
    input  logic [8*TF-1:0]    a,      // int8 activations (int8 and int4 modes use a[7:0])
    input  logic [7:0]         b,      // int8 weight, or two int4 weights
    input  logic [2*TF-1:0]    w,      // ternary codes: 0 -> 0, 1 -> +1, 3 -> -1, 2 -> 0
    input  logic signed [31:0] base,
    output logic signed [31:0] out
);
  logic signed [31:0] prod, tsum, p4;
  always_comb begin
    prod = 32'sd0;
    tsum = 32'sd0;
    p4 = 32'sd0;
    if (INT8) begin
      // 9-bit signed operands cover int8 and uint8.
      prod = 32'(($signed({~mode[1] & a[7], a[7:0]}) * $signed({~mode[0] & b[7], b})));
    end
    if (INT4) begin
      p4 = 32'($signed(a[3:0]) * $signed(b[3:0])) + 32'($signed(a[7:4]) * $signed(b[7:4]));
    end
    if (TERNARY) begin
      for (int i = 0; i < TF; i++) begin
        if (w[2*i +: 2] == 2'd1) tsum = tsum + 32'($signed(a[8*i +: 8]));
        else if (w[2*i +: 2] == 2'd3) tsum = tsum - 32'($signed(a[8*i +: 8]));
      end
    end
    out = base + ((TERNARY && mode == 3'd4) ? tsum : (INT4 && mode == 3'd5) ? p4 : (INT8 ? prod : 32'sd0));
  end
endmodule
