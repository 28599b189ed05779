// Migration placeholder: filled by its own commit.
R"SQL(
SELECT 1;
)SQL"
