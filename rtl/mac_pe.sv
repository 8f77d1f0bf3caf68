// mac_pe: the arithmetic of one PE for one step, without the accumulator: the 8x8-bit product
// of A and B in any signedness, the two 4x4-bit products of the nibbles of A and B (int4: one
// byte carries elements 2j and 2j+1), or the sum of TF ternary products (add, subtract or skip
// an int8 activation: no multiplier). INT8 / INT4 / TERNARY select which datapaths exist (all
// three in the default array; one each for the area variants of scripts/synth.sh).
// Modes: isa/formats.def (rtl_mode): 0 ss, 1 su, 2 us, 3 uu (first letter A), 4 ternary, 5 int4.
// The result fits 18 bits: uint8 x uint8 < 2^16, int4 pairs in [-112, 128], ternary |sum| <= 128 TF.
module mac_pe #(
    parameter int TF = 4,
    parameter bit INT8 = 1'b1,
    parameter bit INT4 = 1'b1,
    parameter bit TERNARY = 1'b1,
    localparam int AW = TERNARY ? 8 * TF : 8,
    localparam int BW = (TERNARY && 2 * TF > 8) ? 2 * TF : 8
) (
    input  logic [2:0]         mode,
    input  logic [AW-1:0]      a,      // int8 activations (int8 and int4 modes use a[7:0])
    input  logic [BW-1:0]      b,      // int8 weight, two int4 weights, or TF ternary codes
    output logic signed [17:0] prod    // 0 ->0, 1 -> +1, 3 -> -1, 2 -> 0 (invalid code)
);
  logic signed [17:0] p8, p4, pt;
  always_comb begin
    p8 = '0;
    p4 = '0;
    pt = '0;
    if (INT8) begin
      // 9-bit signed operands cover int8 and uint8.
      p8 = $signed({~mode[1] & a[7], a[7:0]}) * $signed({~mode[0] & b[7], b[7:0]});
    end
    if (INT4) begin
      p4 = 18'($signed(a[3:0]) * $signed(b[3:0])) + 18'($signed(a[7:4]) * $signed(b[7:4]));
    end
    if (TERNARY) begin
      for (int i = 0; i < TF; i++) begin
        if (b[2*i +: 2] == 2'd1) pt = pt + 18'($signed(a[8*i +: 8]));
        else if (b[2*i +: 2] == 2'd3) pt = pt - 18'($signed(a[8*i +: 8]));
      end
    end
    prod = (TERNARY && mode == 3'd4) ? pt : (INT4 && mode == 3'd5) ? p4 : p8;
  end
endmodule
