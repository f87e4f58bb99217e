SET lc_messages = 'vi_VN.UTF-8';
SELECT parse_status('hộ giàu');
SELECT message('household % is not in ward "%" of registry "%"', '12', 'w1', 'district_7');
SELECT message('100%% of % households', '5');
SELECT message('household % does not exist in registry "%"', '12');
RESET lc_messages;
SELECT message('household % is not in ward "%" of registry "%"', '12', 'w1', 'district_7');
