# Danish dates as the portal writes them: "2. december 2026 kl. 14:30".
# Templates ask for DATETIME_FORMAT, so English pages get English dates.
DATETIME_FORMAT = r"j. F Y \k\l. H:i"
