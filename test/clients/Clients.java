// pgJDBC against povext: classify a household, read a deprivations value and
// its type, and the text of the error a misspelt standard gives.  Prints one
// TAP line per check.  Usage: java -cp postgresql.jar:. Clients <jdbc url>
import java.sql.*;

public class Clients {
    static int failed = 0;

    // Prints one check's result.
    static void check(boolean ok, String name, Object got) {
        System.out.println((ok ? "ok - " : "not ok - ") + name + (ok ? "" : " (got: " + got + ")"));
        if (!ok)
            failed++;
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0])) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT povext.classify_household(h.income, h.members, h.deprivations, 'vn-2022', h.area)::text"
                    + " FROM clients.household AS h WHERE h.id = ?")) {
                s.setInt(1, 1);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    check("poor".equals(r.getString(1)), "jdbc: classify_household of household 1 is poor", r.getString(1));
                }
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT deprivations FROM clients.household WHERE id = 1")) {
                r.next();
                check("{health_insurance,housing_area,sanitation}".equals(r.getString(1)),
                      "jdbc: a deprivations value reads as its text", r.getString(1));
                String type = r.getMetaData().getColumnTypeName(1);
                check("\"povext\".\"deprivations\"".equals(type),
                      "jdbc: the column's type name is \"povext\".\"deprivations\"", type);
            }
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT povext.classify(1000000, '{}', 'vn2022', 'urban')");
                check(false, "jdbc: a misspelt standard is an error", "no error");
            } catch (SQLException e) {
                String m = e.getMessage();
                check("42704".equals(e.getSQLState()), "jdbc: a misspelt standard gives SQLSTATE 42704", e.getSQLState());
                check(m.contains("Did you mean \"vn-2022\"?"), "jdbc: the message names the nearest standard", m);
                check(m.contains("Valid standards are: hcm-2016, hcm-2019, hcm-2021, hcm-2024, ophi-mpi, vn-2016, vn-2022."),
                      "jdbc: the message lists the valid standards", m);
            }
            // Every report view has plain column types only, as a BI tool's metadata sees them.
            java.util.Set<String> plain = java.util.Set.of("text", "int4", "int8", "numeric", "date", "bool");
            java.util.List<String> others = new java.util.ArrayList<>();
            for (String view : new String[] {"report_ward", "report_household", "report_indicator", "report_mpi",
                                             "report_mpi_contribution", "report_transition", "report_target"}) {
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT * FROM clientreg." + view + " LIMIT 0")) {
                    ResultSetMetaData md = r.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++)
                        if (!plain.contains(md.getColumnTypeName(i)))
                            others.add(view + "." + md.getColumnName(i) + " " + md.getColumnTypeName(i));
                }
            }
            check(others.isEmpty(), "jdbc: the seven report views have plain column types only", others);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT sum(t.poor_households) FROM (SELECT * FROM clientreg.report_ward WHERE level = 'ward') AS t"
                    + " WHERE t.scope = ?")) {
                s.setString(1, "hcmc");
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    check(r.getLong(1) == 2, "jdbc: a wrapped, parameterised query over report_ward", r.getLong(1));
                }
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
