SET lc_messages = 'vi_VN.UTF-8';
SELECT classify(1000000, '{}', 'vn2022', 'urban');
SELECT '{watr}'::deprivations;
SELECT standard_in_force('national', 'rural', '2015-06-01');
RESET lc_messages;
SELECT standard_in_force('nationl', 'rural', '2024-06-01');
