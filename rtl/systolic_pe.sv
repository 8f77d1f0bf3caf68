// systolic_pe: one processing element of tile_mac's output-stationary array. Each cycle it takes
// an activation operand from its left neighbour and a weight operand from the one above (with
// the control token, which travels with the activations), forwards both one PE on through a
// register, and computes the step's product (mac_pe). After DEPTH - 1 product pipeline stages
// the product is added to the accumulator: at a pass's first step to c_in (the accumulator-SRAM
// side), else to the accumulator itself. The accumulator holds the pass's result in the cycle
// after its last step (acc_done).
module systolic_pe #(
    parameter int TF = 4,
    parameter int DEPTH = 2,
    parameter bit INT8 = 1'b1,
    parameter bit INT4 = 1'b1,
    parameter bit TERNARY = 1'b1,
    localparam int AW = TERNARY ? 8 * TF : 8,
    localparam int BW = (TERNARY && 2 * TF > 8) ? 2 * TF : 8
) (
    input  logic               clk,
    input  logic               rst,
    // control token {valid, first, last, fin, mode[2:0]}: first / last step of a pass, fin = the
    // MMA's last step
    input  logic [6:0]         ctl_in,
    input  logic [AW-1:0]      a_in,
    input  logic [BW-1:0]      b_in,
    output logic [6:0]         ctl_out,
    output logic [AW-1:0]      a_out,
    output logic [BW-1:0]      b_out,
    input  logic signed [31:0] c_in,
    output logic signed [31:0] acc,
    output logic               acc_first,  // the accumulate stage takes c_in this cycle
    output logic               acc_done,   // acc holds a pass's result this cycle
    output logic               acc_fin     // ... and it is the MMA's last pass
);
  logic signed [17:0] prod;
  mac_pe #(.TF(TF), .INT8(INT8), .INT4(INT4), .TERNARY(TERNARY)) u_mac (.mode(ctl_in[2:0]), .a(a_in), .b(b_in), .prod(prod));

  always_ff @(posedge clk) begin
    a_out <= a_in;
    b_out <= b_in;
    if (rst) ctl_out <= '0;
    else ctl_out <= ctl_in;
  end

  // The accumulate stage's product and control, DEPTH - 1 cycles after the product's.
  logic signed [17:0] s_prod;
  logic [3:0] s_ctl;  // {valid, first, last, fin}
  generate
    if (DEPTH == 1) begin : g_direct
      assign s_prod = prod;
      assign s_ctl = ctl_in[6:3];
    end else begin : g_pipe
      logic signed [17:0] p_q[DEPTH-1];
      logic [3:0] c_q[DEPTH-1];
      always_ff @(posedge clk) begin
        p_q[0] <= prod;
        if (rst) c_q[0] <= '0;
        else c_q[0] <= ctl_in[6:3];
        for (int i = 1; i < DEPTH - 1; i++) begin
          p_q[i] <= p_q[i-1];
          if (rst) c_q[i] <= '0;
          else c_q[i] <= c_q[i-1];
        end
      end
      assign s_prod = p_q[DEPTH-2];
      assign s_ctl = c_q[DEPTH-2];
    end
  endgenerate

  assign acc_first = s_ctl[3] & s_ctl[2];
  always_ff @(posedge clk) begin
    if (s_ctl[3]) acc <= (s_ctl[2] ? c_in : acc) + 32'(s_prod);
    if (rst) begin
      acc_done <= 1'b0;
      acc_fin <= 1'b0;
    end else begin
      acc_done <= s_ctl[3] & s_ctl[1];
      acc_fin <= s_ctl[3] & s_ctl[0];
    end
  end
endmodule
